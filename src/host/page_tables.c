// SPDX-License-Identifier: GPL-2.0
#line 3883 "host.nw"
/*
 * lg.ko, the lguest Host: shadow page tables.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "lg.h"

/* walking */
#line 3354 "host.nw"
static u32 lg_pgd_index(u32 vaddr)
{
	return vaddr >> PGDIR_SHIFT;
}

static u32 lg_pte_index(u32 vaddr)
{
	return (vaddr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

#line 3370 "host.nw"
static bool lg_guest_pgd(struct lguest *lg, u32 vaddr, u32 *gpgd, u32 *addr)
{
	*addr = lg->shadows[lg->cur_shadow].gpgdir + lg_pgd_index(vaddr) * 4;
	if (!lg_read_u32(lg, *addr, gpgd) || !(*gpgd & _PAGE_PRESENT))
		return false;
	if (*gpgd & _PAGE_PSE) {
		lg_kill(lg, "it uses a 4 MB page at %#x", vaddr);
		return false;
	}
	return true;
}

bool lg_guest_pa(struct lguest *lg, u32 vaddr, u32 *gpa)
{
	u32 gpgd, gpte, addr;

	if (!lg_guest_pgd(lg, vaddr, &gpgd, &addr) ||
	    !lg_read_u32(lg, (gpgd & PAGE_MASK) + lg_pte_index(vaddr) * 4, &gpte) ||
	    !(gpte & _PAGE_PRESENT))
		return false;
	*gpa = (gpte & PAGE_MASK) | (vaddr & ~PAGE_MASK);
	return true;
}

/* pinning */
#line 3432 "host.nw"
static struct page *lg_pin_frame(struct lguest *lg, u32 pfn)
{
	struct page *page;

	if (lg->frames[pfn])
		return lg->frames[pfn];
	if (pin_user_pages_fast(lg->mem_base + pfn * PAGE_SIZE, 1,
				FOLL_WRITE | FOLL_LONGTERM, &page) != 1) {
		lg_kill(lg, "its page %#x cannot be pinned in the Launcher's memory",
			pfn);
		return NULL;
	}
	atomic_inc(&lg_pinned_pages);
	lg->frames[pfn] = page;
	return page;
}

#line 3457 "host.nw"
static void lg_unpin_frames(struct lguest *lg)
{
	u32 pfn;

	for (pfn = 0; pfn <= lg->pfn_limit; pfn++) {
		if (!lg->frames[pfn])
			continue;
		unpin_user_pages_dirty_lock(&lg->frames[pfn], 1, true);
		atomic_dec(&lg_pinned_pages);
	}
	kvfree(lg->frames);
}

/* releasing */
#line 3495 "host.nw"
static void lg_release_pgd(u32 *pgd)
{
	if (!(*pgd & _PAGE_PRESENT))
		return;
	free_page((unsigned long)__va(*pgd & PAGE_MASK));
	atomic_dec(&lg_shadow_pages);
	*pgd = 0;
}

static void lg_release_range(struct lg_shadow *s, u32 from, u32 to)
{
	u32 i;

	if (!s->pgd)
		return;
	for (i = from; i < to && i < lg_switcher_slot(); i++)
		lg_release_pgd(&s->pgd[i]);
}

/* demand paging */
#line 3552 "host.nw"
static bool lg_guests_fault(struct lguest *lg, bool present)
{
	if (present)
		lg->regs.errcode |= 1;
	else
		lg->regs.errcode &= ~1;
	return false;
}

#line 3567 "host.nw"
static bool lg_guest_allows(struct lguest *lg, u32 vaddr, u32 errcode,
			    u32 *gpte, u32 *flags)
{
	bool write = errcode & 2, user = errcode & 4;
	u32 gpgd, gpgd_addr, gpte_addr;

	if (lg_pgd_index(vaddr) >= lg_switcher_slot() ||
	    !lg_guest_pgd(lg, vaddr, &gpgd, &gpgd_addr))
		return lg_guests_fault(lg, false);
	gpte_addr = (gpgd & PAGE_MASK) + lg_pte_index(vaddr) * 4;
	if (!lg_read_u32(lg, gpte_addr, gpte) || !(*gpte & _PAGE_PRESENT))
		return lg_guests_fault(lg, false);
	/* refuse an access that the two levels together do not allow */
#line 3596 "host.nw"
	*flags = *gpte & gpgd;
	if ((write && !(*flags & _PAGE_RW)) || (user && !(*flags & _PAGE_USER)))
		return lg_guests_fault(lg, true);
	/* mark both of the Guest's entries accessed, and the page dirty on a write */
#line 3605 "host.nw"
	*gpte |= _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
	if (!lg_write_u32(lg, gpte_addr, *gpte) ||
	    !lg_write_u32(lg, gpgd_addr, gpgd | _PAGE_ACCESSED))
		return false;
#line 3581 "host.nw"
	if ((*gpte >> PAGE_SHIFT) > lg->pfn_limit) {
		lg_kill(lg, "it maps page %#x, beyond its memory", *gpte >> PAGE_SHIFT);
		return false;
	}
	return true;
}

#line 3615 "host.nw"
static u32 *lg_shadow_pte(struct lguest *lg, u32 vaddr)
{
	u32 *pgd = &lg->shadows[lg->cur_shadow].pgd[lg_pgd_index(vaddr)];
	u32 *table;

	if (!(*pgd & _PAGE_PRESENT)) {
		table = (u32 *)get_zeroed_page(GFP_KERNEL);
		if (!table) {
			lg_kill(lg, "the Host is out of memory");
			return NULL;
		}
		atomic_inc(&lg_shadow_pages);
		*pgd = __pa(table) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
		       _PAGE_ACCESSED;
	}
	table = __va(*pgd & PAGE_MASK);
	return &table[lg_pte_index(vaddr)];
}

#line 3639 "host.nw"
bool lg_demand_page(struct lguest *lg, u32 vaddr, u32 errcode)
{
	u32 gpte, flags, *pte;
	struct page *page;
	bool writable;

	if (!lg_guest_allows(lg, vaddr, errcode, &gpte, &flags))
		return false;
	pte = lg_shadow_pte(lg, vaddr);
	page = pte ? lg_pin_frame(lg, gpte >> PAGE_SHIFT) : NULL;
	if (!page)
		return false;
	/* map the real page, writable only once the Guest's entry is dirty */
#line 3664 "host.nw"
	writable = (flags & _PAGE_RW) && (gpte & _PAGE_DIRTY);
	*pte = page_to_pfn(page) << PAGE_SHIFT | _PAGE_PRESENT | _PAGE_ACCESSED |
	       (flags & _PAGE_USER) | (writable ? _PAGE_RW | _PAGE_DIRTY : 0);
#line 3652 "host.nw"
	return true;
}

/* the cache */
#line 3692 "host.nw"
static int lg_use_shadow(struct lguest *lg, unsigned int i, u32 gpgdir)
{
	struct lg_shadow *s = &lg->shadows[i];

	if (!s->pgd) {
		s->pgd = (u32 *)get_zeroed_page(GFP_KERNEL);
		if (!s->pgd)
			return -ENOMEM;
		atomic_inc(&lg_shadow_pages);
	}
	lg_release_range(s, 0, PTRS_PER_PGD);
	s->gpgdir = gpgdir;
	lg->cur_shadow = i;
	return 0;
}

#line 3715 "host.nw"
int lg_init_shadows(struct lguest *lg, u32 gpgdir)
{
	lg->frames = kvcalloc(lg->pfn_limit + 1, sizeof(*lg->frames),
			      GFP_KERNEL);
	if (!lg->frames)
		return -ENOMEM;
	if (lg_use_shadow(lg, 0, gpgdir)) {
		kvfree(lg->frames);
		return -ENOMEM;
	}
	return 0;
}

void lg_free_shadows(struct lguest *lg)
{
	unsigned int i;

	for (i = 0; i < LG_SHADOWS; i++) {
		if (!lg->shadows[i].pgd)
			continue;
		lg_release_range(&lg->shadows[i], 0, PTRS_PER_PGD);
		free_page((unsigned long)lg->shadows[i].pgd);
		atomic_dec(&lg_shadow_pages);
	}
	lg_unpin_frames(lg);
}

#line 3747 "host.nw"
static struct lg_shadow *lg_find_shadow(struct lguest *lg, u32 gpgdir,
					unsigned int *index)
{
	unsigned int i;

	for (i = 0; i < LG_SHADOWS; i++) {
		if (lg->shadows[i].pgd && lg->shadows[i].gpgdir == gpgdir) {
			if (index)
				*index = i;
			return &lg->shadows[i];
		}
	}
	return NULL;
}

#line 3766 "host.nw"
void lg_new_pagetable(struct lguest *lg, u32 gpgdir)
{
	unsigned int i;

	if (!PAGE_ALIGNED(gpgdir) || gpgdir >= lg->pfn_limit * PAGE_SIZE) {
		lg_kill(lg, "bad page directory %#x", gpgdir);
		return;
	}
	if (lg_find_shadow(lg, gpgdir, &i)) {
		lg->cur_shadow = i;
		return;
	}
	i = lg->next_victim++ % LG_SHADOWS;
	if (i == lg->cur_shadow)
		i = lg->next_victim++ % LG_SHADOWS;
	if (lg_use_shadow(lg, i, gpgdir))
		lg_kill(lg, "the Host is out of memory");
}

#line 3792 "host.nw"
bool lg_prepare_shadow(struct lguest *lg)
{
	if (lg->shadows[lg->cur_shadow].pgd)
		return true;
	lg_kill(lg, "it has no page tables");
	return false;
}

/* changes */
#line 3816 "host.nw"
static void lg_drop(struct lguest *lg, u32 gpgdir, u32 vaddr, bool whole)
{
	struct lg_shadow *s;
	unsigned int i;
	u32 *table;

	for (i = 0; i < LG_SHADOWS; i++) {
		s = &lg->shadows[i];
		if (!s->pgd || (s->gpgdir != gpgdir && vaddr < PAGE_OFFSET))
			continue;
		if (whole) {
			lg_release_pgd(&s->pgd[lg_pgd_index(vaddr)]);
		} else if (s->pgd[lg_pgd_index(vaddr)] & _PAGE_PRESENT) {
			table = __va(s->pgd[lg_pgd_index(vaddr)] & PAGE_MASK);
			table[lg_pte_index(vaddr)] = 0;
		}
	}
}

#line 3841 "host.nw"
void lg_set_pte(struct lguest *lg, u32 gpgdir, u32 vaddr, u32 gpte)
{
	if (lg_pgd_index(vaddr) >= lg_switcher_slot()) {
		lg_kill(lg, "it tried to map %#x, inside the Switcher's area", vaddr);
		return;
	}
	lg_drop(lg, gpgdir, vaddr, false);
}

void lg_set_pgd(struct lguest *lg, u32 gpgdir, u32 index)
{
	if (index >= lg_switcher_slot()) {
		lg_kill(lg, "it tried to set page directory entry %u", index);
		return;
	}
	lg_drop(lg, gpgdir, index << PGDIR_SHIFT, true);
}

void lg_flush_tlb(struct lguest *lg, bool all)
{
	unsigned int i;

	if (!all) {
		lg_release_range(&lg->shadows[lg->cur_shadow], 0,
				 lg_pgd_index(PAGE_OFFSET));
		return;
	}
	for (i = 0; i < LG_SHADOWS; i++)
		lg_release_range(&lg->shadows[i], 0, PTRS_PER_PGD);
}
