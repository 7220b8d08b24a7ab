/* libFuzzer target: the image loaders.  The input is a kernel image (ELF,
 * bzImage, gzipped or not, or garbage); we load it into 8 MB of fake Guest
 * memory, then build page tables and boot parameters as the Launcher would.
 * Any crash, sanitizer report or write outside Guest memory is a bug. */
#include <stdlib.h>
#include <string.h>
#include "lguest.h"

#define FMEM (8 * MB)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 *mem;
	struct kernel_info ki;
	u8 *img = malloc(size ? size : 1);
	size_t len = size;

	if (!mem)
		mem = malloc(FMEM + PAGE_SIZE);
	guest.base = mem;
	guest.size = FMEM;
	memcpy(img, data, size);
	if (maybe_gunzip(&img, &len, FMEM) == 0 &&
	    load_kernel(img, len, &ki) == 0 &&
	    load_initrd(data, size < 64 * 1024 ? size : 64 * 1024, &ki) >= -1 &&
	    setup_pagetables(&ki) == 0)
		setup_boot_params(&ki, "console=hvc0");
	free(img);
	return 0;
}
