/*
 * @test     hostile-vq-devpage
 * @summary  bad device-page writes: a console that claims 255 bytes of features is reset (the Launcher must keep its own numbers and touch nothing else on the page), then a notification at an address inside the device page that is no device: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: the Guest notified 0x2000ff0, inside the device page but not a device
 */
#include "vq.h"

const char test_title[] = "lies on the device page";

static u8 before[PAGE_SIZE];

void test_main(void)
{
	u8 *page = (u8 *)DEVPAGE_VA;
	struct vq q;
	u32 i, at;

	vq_setup(&q);
	at = (u32)(q.dev - page);
	memcpy(before, page, PAGE_SIZE);
	/* Our copy of the header says 255 bytes of features, twice; then
	 * reset the device, which clears the features the driver took. */
	q.dev[2] = 255;
	q.dev[4] = 0;
	hcall1(LHCALL_NOTIFY, MEM_END + at);
	for (i = 0; i < PAGE_SIZE; i++)
		if (i != at + 2 && i != at + 4 && page[i] != before[i])
			test_failure("the reset changed byte %x of the device page: %x, was %x",
				     i, page[i], before[i]);
	printf("the reset touched nothing it should not\n");
	if (at + 0x20 > 0xFF0)
		test_error("a device lies at %x: no free place to notify", at);
	/* A notification inside the page where no device is. */
	hcall1(LHCALL_NOTIFY, MEM_END + 0xFF0);
	test_failure("the Launcher accepted a notification at an empty place on the device page");
}
