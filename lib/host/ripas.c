/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RIPAS tracker: ranges in a two-level B+tree held in a caller's block.
 * See realm/ripas.h.
 *
 * Representation: a sorted sequence of keys, key = range start | RIPAS.
 * Range i is [start_i, start_{i+1}) (the last ends at `space`).  The first
 * key is always at address 0 and adjacent ranges always differ in RIPAS.
 * Keys are stored in leaves of up to RLM_RIPAS_LEAF_KEYS; the index holds
 * the first address of every leaf in order.
 *
 * Lookups go through a bucket table of RLM_RIPAS_BUCKETS_PER_LEAF entries
 * per leaf of the block (a power of two in all, plus one): the entry of
 * bucket b names the key that holds address b << bshift, as its leaf id
 * (stable while the index shifts) and its slot in that leaf.  The key
 * holding any address in bucket b lies between the entries of b and b + 1,
 * nearly always in one leaf and one to four slots apart, so a lookup is
 * two dependent loads and a branch-free compare of up to three keys.  A
 * change refills the buckets over the leaves it touched.
 */
#include <realm/ripas.h>
#include <realm/error.h>

#define NONE_ UINT32_MAX
#define LEAF_KEYS_ RLM_RIPAS_LEAF_KEYS
#define VMASK_ RLM_RIPAS_VALUE_MASK
#define ADDR_(k) ((k) & ~VMASK_)
#define VAL_(k) ((uint8_t)((k) & VMASK_))
/* Merge two neighbouring leaves when their keys fit with this much slack. */
#define MERGE_SLACK_ 8

#define BPL_ RLM_RIPAS_BUCKETS_PER_LEAF
/* A bucket entry: leaf id << SLOT_BITS_ | slot. */
#define SLOT_BITS_ 6
#define SLOT_MASK_ ((UINT32_C(1) << SLOT_BITS_) - 1)
#define MAX_LEAVES_ ((UINT32_C(1) << (32 - SLOT_BITS_)) - 1)
/* The block's fixed part: the table's last entry (kept 8-byte aligned). */
#define FIXED_ 8u

_Static_assert(LEAF_KEYS_ <= SLOT_MASK_ + 1, "a slot fits its bits");

static size_t per_leaf_(void)
{
	return sizeof(struct rlm_ripas_leaf) + sizeof(uint64_t) +
	       (2 + BPL_) * sizeof(uint32_t);
}

size_t rlm_ripas_mem_size(uint32_t leaves)
{
	return (size_t)leaves * per_leaf_() + FIXED_;
}

static void layout_(struct rlm_ripas *t, void *mem, size_t len, uint32_t cap)
{
	t->mem = mem;
	t->mem_len = len;
	t->cap = cap;
	t->leaf = (struct rlm_ripas_leaf *)mem;
	t->imin = (uint64_t *)(void *)(t->leaf + cap);
	t->ileaf = (uint32_t *)(void *)(t->imin + cap);
	t->bpos = t->ileaf + cap;
	/* The largest power of two <= BPL_ * cap (the block has room for
	 * it and the extra last entry). */
	t->nbuckets = 1;
	while ((uint64_t)t->nbuckets * 2 <= (uint64_t)BPL_ * cap &&
	       t->nbuckets < (UINT32_C(1) << 30))
		t->nbuckets <<= 1;
	t->bdirty = 1;
}

/* Buckets cover [0, nbuckets << bshift) >= [0, space). */
static void set_bshift_(struct rlm_ripas *t)
{
	uint32_t s = RLM_GRANULE_SHIFT;

	while (s < 63 && ((t->space - 1) >> s) >= t->nbuckets)
		s++;
	t->bshift = s;
}

/*
 * Buckets in proportion to the leaves in use (BPL_ per leaf, a power of
 * two, at most what the block holds), not to the capacity: a leaf then
 * covers about BPL_ buckets, so a change refills about BPL_ buckets per
 * leaf it touches however roomy the block is (sized to the capacity, a
 * nearly empty tracker refilled every bucket on each change).  Grown when
 * the leaves outnumber nbuckets / BPL_, shrunk below a quarter of that.
 * Returns 1 (every bucket dirty) when the count changed.
 */
static int fit_buckets_(struct rlm_ripas *t)
{
	uint64_t want = (uint64_t)BPL_ * (t->nidx ? t->nidx : 1);
	uint64_t max = (uint64_t)BPL_ * t->cap;
	uint32_t nb = t->nbuckets;

	while (nb < want && (uint64_t)nb * 2 <= max && nb < (UINT32_C(1) << 30))
		nb <<= 1;
	while (nb > 1 && (uint64_t)nb > 4 * want)
		nb >>= 1;
	if (nb == t->nbuckets)
		return 0;
	t->nbuckets = nb;
	set_bshift_(t);
	t->bdirty = 1;
	t->dirty_lo = 0;
	t->dirty_hi = t->space;
	return 1;
}

static uint32_t cap_for_(size_t len)
{
	size_t cap = len < FIXED_ ? 0 : (len - FIXED_) / per_leaf_();

	return cap > MAX_LEAVES_ ? MAX_LEAVES_ : (uint32_t)cap;
}

static struct rlm_ripas_leaf *leaf_at_(const struct rlm_ripas *t, uint32_t p)
{
	return &t->leaf[t->ileaf[p]];
}

static uint32_t leaf_alloc_(struct rlm_ripas *t)
{
	uint32_t id;

	if (t->free_head != NONE_) {
		id = t->free_head;
		t->free_head = t->leaf[id].next_free;
	} else if (t->hw < t->cap) {
		id = t->hw++;
	} else {
		return NONE_;
	}
	t->leaf[id].n = 0;
	t->leaf[id].next_free = NONE_;
	return id;
}

static void leaf_free_(struct rlm_ripas *t, uint32_t id)
{
	t->leaf[id].n = 0;
	t->leaf[id].next_free = t->free_head;
	t->free_head = id;
}

/*
 * Keys of the leaves at index positions [p, q) are about to move (within
 * or between those leaves, or away): the buckets that can name them start
 * in the addresses those leaves cover, [imin[p], imin[q]] (to the end
 * when q is past the last leaf).  Marked before each change, so the
 * union covers every bucket whose entry can differ afterwards: a bucket
 * outside it still names the same key at the same slot of the same leaf
 * id (ids do not change when the index shifts).
 */
static void mark_span_(struct rlm_ripas *t, uint32_t p, uint32_t q)
{
	uint64_t lo = t->imin[p], hi = q < t->nidx ? t->imin[q] : t->space;

	if (!t->bdirty) {
		t->dirty_lo = lo;
		t->dirty_hi = hi;
	} else {
		t->dirty_lo = lo < t->dirty_lo ? lo : t->dirty_lo;
		t->dirty_hi = hi > t->dirty_hi ? hi : t->dirty_hi;
	}
	t->bdirty = 1;
}

static void idx_insert_(struct rlm_ripas *t, uint32_t pos, uint32_t id)
{
	rlm_memmove(&t->imin[pos + 1], &t->imin[pos],
		    (t->nidx - pos) * sizeof(t->imin[0]));
	rlm_memmove(&t->ileaf[pos + 1], &t->ileaf[pos],
		    (t->nidx - pos) * sizeof(t->ileaf[0]));
	t->ileaf[pos] = id;
	t->imin[pos] = ADDR_(t->leaf[id].key[0]);
	t->nidx++;
}

static void set_imin_(struct rlm_ripas *t, uint32_t p, uint64_t a)
{
	t->imin[p] = a;
}

/* Remove index positions [pos, pos + n) (their leaves are freed). */
static void idx_remove_(struct rlm_ripas *t, uint32_t pos, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		leaf_free_(t, t->ileaf[pos + i]);
	rlm_memmove(&t->imin[pos], &t->imin[pos + n],
		    (t->nidx - pos - n) * sizeof(t->imin[0]));
	rlm_memmove(&t->ileaf[pos], &t->ileaf[pos + n],
		    (t->nidx - pos - n) * sizeof(t->ileaf[0]));
	t->nidx -= n;
}

/*
 * Last index position whose first address is <= a (0 if none).  The
 * searches are branch-free (a conditional move per step): lookups are
 * independent, so the CPU overlaps their cache misses instead of stalling
 * on mispredicted branches.
 */
static uint32_t search_pos_(const struct rlm_ripas *t, uint32_t lo, uint32_t n,
			    uint64_t a)
{
	const uint64_t *b = t->imin + lo;

	while (n > 1) {
		uint32_t half = n / 2;

		b = b[half] <= a ? b + half : b;
		n -= half;
	}
	return (uint32_t)(b - t->imin);
}

/* Whole-index search: valid while the index changes (the buckets are not). */
static uint32_t find_pos_(const struct rlm_ripas *t, uint64_t a)
{
	return search_pos_(t, 0, t->nidx, a);
}

/* The start of bucket b, or UINT64_MAX past the space (those buckets,
 * and the extra last entry, name the last key). */
static uint64_t bucket_start_(const struct rlm_ripas *t, uint32_t b)
{
	return b > ((t->space - 1) >> t->bshift) ? UINT64_MAX
						 : (uint64_t)b << t->bshift;
}

/*
 * Refill the entries of the buckets starting in [lo, hi] (through the
 * extra last entry when hi reaches the end of the space): walk the keys
 * in order beside the buckets, from the key holding the first bucket.
 */
static void fill_buckets_(struct rlm_ripas *t, uint64_t lo, uint64_t hi)
{
	uint32_t b = (uint32_t)(lo >> t->bshift), end, p, k;
	const struct rlm_ripas_leaf *l;

	end = hi >= t->space - 1 ? t->nbuckets : (uint32_t)(hi >> t->bshift);
	if (end > t->nbuckets)
		end = t->nbuckets;
	p = find_pos_(t, (uint64_t)b << t->bshift);
	l = leaf_at_(t, p);
	k = 0;
	for (; b <= end; b++) {
		uint64_t s = bucket_start_(t, b);

		for (;;) {
			if (k + 1 < l->n) {
				if (ADDR_(l->key[k + 1]) > s)
					break;
				k++;
			} else {
				if (p + 1 >= t->nidx || t->imin[p + 1] > s)
					break;
				p++;
				l = leaf_at_(t, p);
				k = 0;
			}
		}
		t->bpos[b] = t->ileaf[p] << SLOT_BITS_ | k;
	}
	t->bdirty = 0;
}

static void rebuild_buckets_(struct rlm_ripas *t)
{
	fill_buckets_(t, 0, t->space);
}

/* Number of keys in l that are <= x. */
static uint32_t upper_bound_(const struct rlm_ripas_leaf *l, uint64_t x)
{
	const uint64_t *b = l->key;
	uint32_t n = l->n;

	if (n == 0)
		return 0;
	while (n > 1) {
		uint32_t half = n / 2;

		b = b[half] <= x ? b + half : b;
		n -= half;
	}
	return (uint32_t)(b - l->key) + (*b <= x);
}

/* Number of keys in l whose address is < a. */
static uint32_t lower_bound_(const struct rlm_ripas_leaf *l, uint64_t a)
{
	return a ? upper_bound_(l, a - 1) : 0;
}

int rlm_ripas_init(struct rlm_ripas *t, void *mem, size_t len, uint64_t space,
		   uint8_t initial)
{
	uint32_t cap, id;

	if (!t || !mem)
		return RLM_EINVAL;
	if (((uintptr_t)mem & 7) || (space & RLM_GRANULE_MASK))
		return RLM_EALIGN;
	if (!space)
		return RLM_ERANGE;
	cap = cap_for_(len);
	if (cap < 1)
		return RLM_ENOSPC;
	layout_(t, mem, len, cap);
	t->space = space;
	set_bshift_(t);
	t->nidx = 0;
	t->hw = 0;
	t->free_head = NONE_;
	id = leaf_alloc_(t);
	t->leaf[id].key[0] = initial;
	t->leaf[id].n = 1;
	idx_insert_(t, 0, id);
	t->nranges = 1;
	(void)fit_buckets_(t);
	rebuild_buckets_(t);
	return 0;
}

int rlm_ripas_move(struct rlm_ripas *t, void *mem, size_t len)
{
	struct rlm_ripas n;
	uint32_t cap, p;

	if (!t || !mem)
		return RLM_EINVAL;
	if ((uintptr_t)mem & 7)
		return RLM_EALIGN;
	cap = cap_for_(len);
	if (cap < t->nidx || cap < 1)
		return RLM_ENOSPC;
	n = *t;
	layout_(&n, mem, len, cap);
	/* Compact: leaves in index order get ids 0..nidx-1. */
	for (p = 0; p < t->nidx; p++) {
		const struct rlm_ripas_leaf *src = leaf_at_(t, p);

		rlm_memmove(&n.leaf[p], src, sizeof(*src));
		n.leaf[p].next_free = NONE_;
		n.imin[p] = t->imin[p];
		n.ileaf[p] = p;
	}
	n.hw = t->nidx;
	n.free_head = NONE_;
	set_bshift_(&n);
	(void)fit_buckets_(&n);
	*t = n;
	rebuild_buckets_(t);
	return 0;
}

int rlm_ripas_get(const struct rlm_ripas *t, uint64_t ipa, uint8_t *ripas,
		  uint64_t *base, uint64_t *top)
{
	const struct rlm_ripas_leaf *l;
	uint32_t p, k, b, e, e2, j;
	uint64_t x = ipa | VMASK_;

	if (!t || !ripas)
		return RLM_EINVAL;
	if (ipa >= t->space)
		return RLM_ERANGE;
	b = (uint32_t)(ipa >> t->bshift);
	e = t->bpos[b];
	e2 = t->bpos[b + 1];
	if ((e ^ e2) >> SLOT_BITS_ == 0) {
		/* The key lies in one leaf, in slots [k, k2]. */
		uint32_t k2 = e2 & SLOT_MASK_;

		l = &t->leaf[e >> SLOT_BITS_];
		k = e & SLOT_MASK_;
		if (k2 - k <= 3) {
			uint32_t c = k;

			for (j = 1; j <= 3; j++) {
				uint32_t i = k + j <= k2 ? k + j : k2;

				c += (k + j <= k2) & (l->key[i] <= x);
			}
			k = c;
		} else {
			const uint64_t *s = l->key + k;
			uint32_t n = k2 - k + 1;

			while (n > 1) {
				uint32_t half = n / 2;

				s = s[half] <= x ? s + half : s;
				n -= half;
			}
			k = (uint32_t)(s - l->key);
		}
		p = UINT32_MAX;
	} else {
		p = find_pos_(t, ipa);
		l = leaf_at_(t, p);
		k = upper_bound_(l, x) - 1;
	}
	*ripas = VAL_(l->key[k]);
	if (base)
		*base = ADDR_(l->key[k]);
	if (top) {
		if (k + 1 < l->n) {
			*top = ADDR_(l->key[k + 1]);
		} else {
			if (p == UINT32_MAX)
				p = find_pos_(t, ipa);
			*top = p + 1 < t->nidx ? t->imin[p + 1] : t->space;
		}
	}
	return 0;
}

static int range_check_(const struct rlm_ripas *t, uint64_t base, uint64_t top)
{
	if ((base | top) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (base >= top || top > t->space)
		return RLM_ERANGE;
	return 0;
}

int rlm_ripas_query(const struct rlm_ripas *t, uint64_t base, uint64_t top,
		    uint8_t *ripas, uint64_t *reached)
{
	uint64_t end;
	int ret;

	if (!t || !ripas || !reached)
		return RLM_EINVAL;
	ret = range_check_(t, base, top);
	if (ret)
		return ret;
	ret = rlm_ripas_get(t, base, ripas, NULL, &end);
	if (ret)
		return ret;
	*reached = end < top ? end : top;
	return 0;
}

int rlm_ripas_expect(const struct rlm_ripas *t, uint64_t base, uint64_t top,
		     uint8_t ripas)
{
	uint64_t reached;
	uint8_t v;
	int ret = rlm_ripas_query(t, base, top, &v, &reached);

	if (ret)
		return ret;
	return (v == ripas && reached == top) ? 0 : RLM_EMISMATCH;
}

/* Merge the leaf at p + 1 into the leaf at p when they fit. */
static void try_merge_(struct rlm_ripas *t, uint32_t p)
{
	struct rlm_ripas_leaf *a, *b;

	if (p + 1 >= t->nidx)
		return;
	a = leaf_at_(t, p);
	b = leaf_at_(t, p + 1);
	if (a->n + b->n > LEAF_KEYS_ - MERGE_SLACK_)
		return;
	mark_span_(t, p, p + 2);
	rlm_memmove(&a->key[a->n], b->key, b->n * sizeof(b->key[0]));
	a->n += b->n;
	idx_remove_(t, p + 1, 1);
}

/* Remove every key whose address lies in [lo, hi]; returns keys removed. */
static uint64_t delete_keys_(struct rlm_ripas *t, uint64_t lo, uint64_t hi)
{
	uint32_t pa = find_pos_(t, lo), pb = find_pos_(t, hi);
	struct rlm_ripas_leaf *a = leaf_at_(t, pa), *b;
	uint32_t ka = lower_bound_(a, lo), kb;
	uint64_t removed = 0;

	mark_span_(t, pa, pb + 1);
	if (pa == pb) {
		kb = upper_bound_(a, hi | VMASK_);
		if (kb > ka) {
			rlm_memmove(&a->key[ka], &a->key[kb],
				    (a->n - kb) * sizeof(a->key[0]));
			a->n -= kb - ka;
			removed = kb - ka;
		}
	} else {
		uint32_t mid = pb - pa - 1, i;

		for (i = pa + 1; i < pb; i++)
			removed += leaf_at_(t, i)->n;
		removed += a->n - ka;
		a->n = ka;
		b = leaf_at_(t, pb);
		kb = upper_bound_(b, hi | VMASK_);
		rlm_memmove(&b->key[0], &b->key[kb],
			    (b->n - kb) * sizeof(b->key[0]));
		b->n -= kb;
		removed += kb;
		if (mid)
			idx_remove_(t, pa + 1, mid);
		/* b now sits at pa + 1. */
		if (b->n == 0)
			idx_remove_(t, pa + 1, 1);
		else
			set_imin_(t, pa + 1, ADDR_(b->key[0]));
	}
	if (a->n == 0)
		idx_remove_(t, pa, 1);
	else
		set_imin_(t, pa, ADDR_(a->key[0]));
	if (t->nidx) {
		uint32_t p = pa < t->nidx ? pa : t->nidx - 1;

		try_merge_(t, p);
		if (p > 0)
			try_merge_(t, p - 1);
	}
	return removed;
}

/* Move the last m keys of the leaf at p to the front of the one at p + 1. */
static void shift_right_(struct rlm_ripas *t, uint32_t p, uint32_t m)
{
	struct rlm_ripas_leaf *a = leaf_at_(t, p), *b = leaf_at_(t, p + 1);

	mark_span_(t, p, p + 2);
	rlm_memmove(&b->key[m], &b->key[0], b->n * sizeof(b->key[0]));
	rlm_memmove(&b->key[0], &a->key[a->n - m], m * sizeof(b->key[0]));
	a->n -= m;
	b->n += m;
	set_imin_(t, p + 1, ADDR_(b->key[0]));
}

/* Move the first m keys of the leaf at p to the end of the one at p - 1. */
static void shift_left_(struct rlm_ripas *t, uint32_t p, uint32_t m)
{
	struct rlm_ripas_leaf *a = leaf_at_(t, p - 1), *b = leaf_at_(t, p);

	mark_span_(t, p - 1, p + 1);
	rlm_memmove(&a->key[a->n], &b->key[0], m * sizeof(b->key[0]));
	rlm_memmove(&b->key[0], &b->key[m], (b->n - m) * sizeof(b->key[0]));
	a->n += m;
	b->n -= m;
	set_imin_(t, p, ADDR_(b->key[0]));
}

/* Insert a key (its address not present); the caller checked capacity. */
static void insert_key_(struct rlm_ripas *t, uint64_t key)
{
	struct rlm_ripas_leaf *l;
	uint32_t p, k;

	if (t->nidx == 0) {
		uint32_t id = leaf_alloc_(t);

		t->leaf[id].key[0] = key;
		t->leaf[id].n = 1;
		idx_insert_(t, 0, id);
		return;
	}
	p = find_pos_(t, ADDR_(key));
	l = leaf_at_(t, p);
	mark_span_(t, p, p + 1);
	if (l->n == LEAF_KEYS_) {
		/* Spread into a neighbour with room before splitting: keeps
		 * leaves full, so memory stays close to 8 bytes a range. */
		if (p + 1 < t->nidx &&
		    leaf_at_(t, p + 1)->n <= LEAF_KEYS_ - 2) {
			shift_right_(t, p, (LEAF_KEYS_ - leaf_at_(t, p + 1)->n) / 2);
		} else if (p > 0 && leaf_at_(t, p - 1)->n <= LEAF_KEYS_ - 2) {
			shift_left_(t, p, (LEAF_KEYS_ - leaf_at_(t, p - 1)->n) / 2);
		} else {
			uint32_t id = leaf_alloc_(t);
			struct rlm_ripas_leaf *nl = &t->leaf[id];
			uint32_t half = l->n / 2;

			rlm_memmove(nl->key, &l->key[l->n - half],
				    half * sizeof(l->key[0]));
			nl->n = half;
			l->n -= half;
			idx_insert_(t, p + 1, id);
		}
		p = find_pos_(t, ADDR_(key));
		l = leaf_at_(t, p);
		mark_span_(t, p, p + 1);
	}
	k = upper_bound_(l, key);
	rlm_memmove(&l->key[k + 1], &l->key[k], (l->n - k) * sizeof(l->key[0]));
	l->key[k] = key;
	l->n++;
	if (k == 0)
		set_imin_(t, p, ADDR_(key));
}

int rlm_ripas_set(struct rlm_ripas *t, uint64_t base, uint64_t top,
		  uint8_t ripas, rlm_ripas_change_fn cb, void *arg)
{
	uint8_t v_prev = 0, v_top = 0, v0;
	uint64_t reached, removed;
	bool ins_base, ins_top;
	int ret;

	if (!t)
		return RLM_EINVAL;
	ret = rlm_ripas_query(t, base, top, &v0, &reached);
	if (ret)
		return ret;
	if (v0 == ripas && reached == top)
		return 0; /* nothing changes */
	if (base)
		(void)rlm_ripas_get(t, base - 1, &v_prev, NULL, NULL);
	if (top < t->space)
		(void)rlm_ripas_get(t, top, &v_top, NULL, NULL);
	ins_base = base == 0 || v_prev != ripas;
	ins_top = top < t->space && v_top != ripas;
	/* Each insertion may split one leaf. */
	if (t->cap - t->nidx < (uint32_t)ins_base + (uint32_t)ins_top)
		return RLM_ENOMEM;
	if (cb) {
		uint64_t a = base;

		while (a < top) {
			uint64_t e = top;
			uint8_t old = ripas;

			/* a < top <= t->space: the lookup cannot fail */
			(void)rlm_ripas_get(t, a, &old, NULL, &e);
			if (e > top || e <= a)
				e = top;
			if (old != ripas)
				cb(arg, a, e, old, ripas);
			a = e;
		}
	}
	removed = delete_keys_(t, base, top);
	if (ins_base)
		insert_key_(t, base | ripas);
	if (ins_top)
		insert_key_(t, top | v_top);
	t->nranges = t->nranges - removed + ins_base + ins_top;
	(void)fit_buckets_(t);
	if (t->bdirty)
		fill_buckets_(t, t->dirty_lo, t->dirty_hi);
	return 0;
}

int rlm_ripas_init_ripas(struct rlm_ripas *t, uint64_t base, uint64_t top,
			 rlm_ripas_change_fn cb, void *arg)
{
	return rlm_ripas_set(t, base, top, RLM_RIPAS_RAM, cb, arg);
}

uint64_t rlm_ripas_count(const struct rlm_ripas *t)
{
	return t ? t->nranges : 0;
}

size_t rlm_ripas_bytes_used(const struct rlm_ripas *t)
{
	return t ? sizeof(*t) + rlm_ripas_mem_size(t->nidx) : 0;
}

int rlm_ripas_check(const struct rlm_ripas *t)
{
	uint64_t count = 0, prev = 0;
	bool first = true;
	uint32_t p, k;

	if (!t)
		return RLM_EINVAL;
	if (t->nidx == 0 || t->nidx > t->cap || t->hw > t->cap)
		return RLM_ESTATE;
	for (p = 0; p < t->nidx; p++) {
		const struct rlm_ripas_leaf *l;

		if (t->ileaf[p] >= t->hw)
			return RLM_ESTATE;
		l = leaf_at_(t, p);
		if (l->n == 0 || l->n > LEAF_KEYS_ ||
		    t->imin[p] != ADDR_(l->key[0]))
			return RLM_ESTATE;
		for (k = 0; k < l->n; k++) {
			uint64_t key = l->key[k];

			if (first) {
				if (ADDR_(key) != 0)
					return RLM_ESTATE;
				first = false;
			} else if (ADDR_(key) <= ADDR_(prev) ||
				   VAL_(key) == VAL_(prev)) {
				return RLM_ESTATE;
			}
			if (ADDR_(key) >= t->space)
				return RLM_ESTATE;
			prev = key;
			count++;
		}
	}
	if (count != t->nranges || t->bdirty || !t->nbuckets ||
	    t->nbuckets > (uint64_t)BPL_ * t->cap || t->bshift > 63 ||
	    ((t->space - 1) >> t->bshift) >= t->nbuckets)
		return RLM_ESTATE;
	/* Every bucket names the key holding its start. */
	for (p = 0; p <= t->nbuckets; p++) {
		uint64_t s = bucket_start_(t, p);
		uint32_t q = find_pos_(t, s);
		const struct rlm_ripas_leaf *l = leaf_at_(t, q);

		k = upper_bound_(l, s == UINT64_MAX ? s : s | VMASK_) - 1;
		if (t->bpos[p] != (t->ileaf[q] << SLOT_BITS_ | k))
			return RLM_ESTATE;
	}
	return 0;
}
