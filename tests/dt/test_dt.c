/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device-tree checks: QEMU's own virt DTBs (generated at build time with
 * qemu-system-aarch64 -machine virt,dumpdtb=..., passed as arguments
 * "SIZE:HIGHMEM:PATH") at several IPA widths, and synthetic trees built
 * with libfdt that break each rule of the realm boot contract.
 */
#include <libfdt.h>

#include "test_util.h"
#include <realm/dt.h>
#include <realm/error.h>

#define BUFSZ 65536

static uint8_t *buf_new(void)
{
	uint8_t *b = calloc(1, BUFSZ);

	assert_non_null(b);
	assert_int_equal(fdt_create_empty_tree(b, BUFSZ), 0);
	return b;
}

static void set_cells(void *fdt, int node, uint32_t ac, uint32_t sc)
{
	assert_int_equal(fdt_setprop_u32(fdt, node, "#address-cells", ac), 0);
	assert_int_equal(fdt_setprop_u32(fdt, node, "#size-cells", sc), 0);
}

static int add_memory(void *fdt, const char *name, uint64_t base, uint64_t size)
{
	int n = fdt_add_subnode(fdt, 0, name);

	assert_true(n >= 0);
	assert_int_equal(fdt_setprop_string(fdt, n, "device_type", "memory"), 0);
	assert_int_equal(fdt_setprop_u64(fdt, n, "reg", base), 0);
	assert_int_equal(fdt_appendprop_u64(fdt, n, "reg", size), 0);
	return n;
}

/*
 * A small realm-like tree: 2/2 cells, memory at 0x40000000 (size mem),
 * a /soc bus (1/1 cells) mapping child 0x0 to CPU 0x8000000 over 256 MiB,
 * a UART at soc 0x1000000 (CPU 0x9000000), alias serial0, stdout-path
 * "serial0:115200n8".
 */
static uint8_t *build_realm_tree(uint64_t mem)
{
	uint8_t *fdt = buf_new();
	int soc, uart, chosen, aliases;
	fdt32_t ranges[4] = { cpu_to_fdt32(0), cpu_to_fdt32(0),
			      cpu_to_fdt32(0x8000000), cpu_to_fdt32(0x10000000) };
	fdt32_t reg[2] = { cpu_to_fdt32(0x1000000), cpu_to_fdt32(0x1000) };

	set_cells(fdt, 0, 2, 2);
	add_memory(fdt, "memory@40000000", 0x40000000, mem);
	soc = fdt_add_subnode(fdt, 0, "soc");
	assert_true(soc >= 0);
	set_cells(fdt, soc, 1, 1);
	assert_int_equal(fdt_setprop(fdt, soc, "ranges", ranges, sizeof(ranges)), 0);
	uart = fdt_add_subnode(fdt, soc, "uart@1000000");
	assert_true(uart >= 0);
	assert_int_equal(fdt_setprop(fdt, uart, "reg", reg, sizeof(reg)), 0);
	aliases = fdt_add_subnode(fdt, 0, "aliases");
	assert_true(aliases >= 0);
	assert_int_equal(fdt_setprop_string(fdt, aliases, "serial0", "/soc/uart@1000000"), 0);
	chosen = fdt_add_subnode(fdt, 0, "chosen");
	assert_true(chosen >= 0);
	assert_int_equal(fdt_setprop_string(fdt, chosen, "stdout-path", "serial0:115200n8"), 0);
	assert_int_equal(fdt_pack(fdt), 0);
	return fdt;
}

static bool has_finding(const struct rlm_dt_report *r, const char *needle)
{
	size_t i;

	for (i = 0; i < r->nfindings && i < RLM_DT_MAX_FINDINGS; i++)
		if (strstr(r->findings[i], needle))
			return true;
	return false;
}

static struct rlm_dt_report rep;

static int check(const void *fdt, unsigned int bits)
{
	return rlm_dt_check(fdt, fdt_totalsize(fdt), bits, &rep);
}

/* ---- QEMU virt DTBs ------------------------------------------------------ */

static int g_argc;
static char **g_argv;

static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);

	if (*end == 'M')
		v <<= 20;
	else if (*end == 'G')
		v <<= 30;
	return v;
}

static void test_qemu_virt(void **state)
{
	int i, checked = 0;

	(void)state;
	assert_true(g_argc > 1); /* meson passes the generated DTBs */
	for (i = 1; i < g_argc; i++) {
		char spec[512], *mem_s, *path;
		uint64_t mem;
		size_t len;
		uint8_t *raw;
		unsigned int bits;

		snprintf(spec, sizeof(spec), "%s", g_argv[i]);
		mem_s = spec;
		path = strchr(strchr(spec, ':') + 1, ':') + 1;
		mem = parse_size(mem_s);
		raw = tu_read_file(path, &len);
		for (bits = 32; bits <= 48; bits += (bits < 36 ? 1 : 4)) {
			uint64_t half = (uint64_t)1 << (bits - 1);
			bool ram_fits = 0x40000000 + mem <= half;
			uint8_t *fx = calloc(1, len + 4096);
			struct rlm_dt_range ram[4];
			size_t n;

			/* As QEMU makes it: the PL011 at 0x9000000 is protected. */
			assert_int_equal(rlm_dt_check(raw, len, bits, &rep), 0);
			assert_false(rep.ok);
			assert_true(rep.have_console);
			assert_int_equal(rep.console.base, 0x9000000);
			assert_true(has_finding(&rep, "not in the shared half"));
			assert_int_equal(rep.nram, 1);
			assert_int_equal(rep.ram[0].base, 0x40000000);
			assert_int_equal(rep.ram[0].size, mem);
			assert_int_equal(has_finding(&rep, "not in the protected half"),
					 !ram_fits);
			assert_int_equal(rlm_dt_ram_ranges(raw, len, ram, 4, &n), 0);
			assert_int_equal(n, 1);
			assert_int_equal(ram[0].size, mem);

			/* After the VMM's fix-up: ok exactly when RAM fits. */
			assert_non_null(fx);
			memcpy(fx, raw, len);
			assert_int_equal(rlm_dt_fixup_console(fx, len + 4096, bits), 0);
			assert_int_equal(check(fx, bits), 0);
			assert_int_equal(rep.ok, ram_fits);
			assert_int_equal(rep.console.base, 0x9000000 | half);
			assert_false(has_finding(&rep, "shared half"));
			/* ...and wrong for a wider IPA space. */
			if (bits < 48) {
				assert_int_equal(check(fx, bits + 1), 0);
				assert_true(has_finding(&rep, "not in the shared half"));
			}
			free(fx);
			checked++;
		}
		free(raw);
	}
	assert_true(checked >= 10);
}

/* ---- Synthetic trees ----------------------------------------------------- */

static void test_good_tree_translated(void **state)
{
	uint8_t *fdt = build_realm_tree(0x40000000);
	const char *sp;
	int len;

	(void)state;
	/* Console at CPU 0x9000000 (soc 0x1000000 + 0x8000000): protected. */
	assert_int_equal(check(fdt, 33), 0);
	assert_false(rep.ok);
	assert_int_equal(rep.nfindings, 1);
	assert_string_equal(rep.console_path, "/soc/uart@1000000");
	assert_int_equal(rep.console.base, 0x9000000);
	assert_int_equal(rep.console.size, 0x1000);

	/* The soc window ends at 0x18000000: the alias needs the window too. */
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 33), RLM_ERANGE);
	free(fdt);

	/* Widen the window to cover the shared alias and fix up. */
	fdt = build_realm_tree(0x40000000);
	{
		fdt32_t ranges[4] = { cpu_to_fdt32(0), cpu_to_fdt32(0),
				      cpu_to_fdt32(0x8000000), cpu_to_fdt32(0xF0000000) };
		/* 1-cell child space: cannot express 0x101000000 */
		assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
		assert_int_equal(fdt_setprop(fdt, fdt_path_offset(fdt, "/soc"), "ranges",
					     ranges, sizeof(ranges)), 0);
		assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 33), RLM_ERANGE);
	}
	free(fdt);

	/* Identity bus (empty ranges, 2/2 cells): the fix-up works and keeps
	 * stdout-path (with its options) and the alias consistent. */
	fdt = build_realm_tree(0x40000000);
	{
		int soc, uart;
		fdt32_t reg[4] = { 0, cpu_to_fdt32(0x9000000), 0, cpu_to_fdt32(0x1000) };

		assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
		soc = fdt_path_offset(fdt, "/soc");
		set_cells(fdt, soc, 2, 2);
		assert_int_equal(fdt_setprop_empty(fdt, soc, "ranges"), 0);
		uart = fdt_path_offset(fdt, "/soc/uart@1000000");
		assert_int_equal(fdt_setprop(fdt, uart, "reg", reg, sizeof(reg)), 0);
	}
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 33), 0);
	assert_int_equal(check(fdt, 33), 0);
	assert_true(rep.ok);
	assert_int_equal(rep.console.base, 0x109000000ULL);
	assert_string_equal(rep.console_path, "/soc/uart@109000000");
	sp = fdt_getprop(fdt, fdt_path_offset(fdt, "/aliases"), "serial0", &len);
	assert_non_null(sp);
	assert_string_equal(sp, "/soc/uart@109000000");
	sp = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", &len);
	assert_string_equal(sp, "serial0:115200n8"); /* alias: unchanged, still right */
	/* Idempotent. */
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 33), 0);
	assert_int_equal(check(fdt, 33), 0);
	assert_true(rep.ok);
	free(fdt);
}

static void test_stdout_path_direct(void **state)
{
	uint8_t *fdt = buf_new();
	int uart, chosen, len;
	const char *sp;

	(void)state;
	set_cells(fdt, 0, 2, 2);
	add_memory(fdt, "memory@0", 0, 0x10000000);
	uart = fdt_add_subnode(fdt, 0, "pl011@9000000");
	assert_int_equal(fdt_setprop_u64(fdt, uart, "reg", 0x9000000), 0);
	assert_int_equal(fdt_appendprop_u64(fdt, uart, "reg", 0x1000), 0);
	chosen = fdt_add_subnode(fdt, 0, "chosen");
	assert_int_equal(fdt_setprop_string(fdt, chosen, "stdout-path",
					    "/pl011@9000000:115200"), 0);
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 40), 0);
	sp = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", &len);
	assert_string_equal(sp, "/pl011@8009000000:115200");
	assert_int_equal(check(fdt, 40), 0);
	assert_true(rep.ok);
	assert_int_equal(rep.console.base, 0x8009000000ULL);
	free(fdt);
}

static void test_memory_rules(void **state)
{
	uint8_t *fdt;
	int n;

	(void)state;
	/* Memory above the protected half. */
	fdt = build_realm_tree(0x40000000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	add_memory(fdt, "memory@100000000", 0x100000000ULL, 0x1000);
	assert_int_equal(check(fdt, 33), 0);
	assert_true(has_finding(&rep, "memory 0x100000000+0x1000 is not in the protected half"));
	assert_int_equal(rep.nram, 2);
	assert_int_equal(check(fdt, 34), 0);
	assert_false(has_finding(&rep, "protected half"));
	free(fdt);

	/* Memory crossing the boundary by one page. */
	fdt = build_realm_tree(0xC0001000ULL);
	assert_int_equal(check(fdt, 33), 0);
	assert_true(has_finding(&rep, "protected half"));
	free(fdt);
	fdt = build_realm_tree(0xC0000000ULL); /* ends exactly at 2^32 */
	assert_int_equal(check(fdt, 33), 0);
	assert_false(has_finding(&rep, "protected half"));
	free(fdt);

	/* Overlap between two nodes (reported once, sorted by base). */
	fdt = build_realm_tree(0x40000000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	add_memory(fdt, "memory@20000000", 0x20000000, 0x20001000);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "memory 0x20000000+0x20001000 overlaps 0x40000000+0x40000000"));
	assert_int_equal(rep.ram[0].base, 0x20000000);
	free(fdt);
	/* Adjacent is fine. */
	fdt = build_realm_tree(0x40000000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	add_memory(fdt, "memory@20000000", 0x20000000, 0x20000000);
	assert_int_equal(check(fdt, 40), 0);
	assert_false(has_finding(&rep, "overlaps"));
	free(fdt);

	/* Wrap-around, malformed reg, disabled node, no memory at all. */
	fdt = build_realm_tree(0x40000000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	add_memory(fdt, "memory@f", 0xFFFFFFFFFFFFF000ULL, 0x2000);
	n = add_memory(fdt, "memory@1", 0x1000, 0x1000);
	assert_int_equal(fdt_setprop_u32(fdt, n, "reg", 7), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "wraps around"));
	assert_true(has_finding(&rep, "memory@1: reg is missing"));
	free(fdt);

	fdt = buf_new();
	set_cells(fdt, 0, 2, 2);
	n = add_memory(fdt, "memory@0", 0, 0x1000);
	assert_int_equal(fdt_setprop_string(fdt, n, "status", "disabled"), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_false(rep.ok);
	assert_int_equal(rep.nram, 0);
	assert_true(has_finding(&rep, "no memory node"));
	assert_false(rep.have_console); /* no stdout-path: nothing to check */
	free(fdt);
}

static void test_console_rules(void **state)
{
	uint8_t *fdt;
	int chosen, soc;

	(void)state;
	/* stdout-path to a missing node. */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	chosen = fdt_path_offset(fdt, "/chosen");
	assert_int_equal(fdt_setprop_string(fdt, chosen, "stdout-path", "/nope@0"), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "'/nope@0' names no node"));
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 40), RLM_ENOENT);
	free(fdt);

	/* Bus without ranges: not translatable. */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	soc = fdt_path_offset(fdt, "/soc");
	assert_int_equal(fdt_delprop(fdt, soc, "ranges"), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "/soc has no ranges"));
	assert_false(rep.have_console);
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 40), RLM_EMALFORMED);
	free(fdt);

	/* Console node without reg. */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	assert_int_equal(fdt_delprop(fdt, fdt_path_offset(fdt, "/soc/uart@1000000"), "reg"), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "no usable reg"));
	free(fdt);

	/* Console beyond the IPA space altogether (above 2^bits). */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	{
		fdt32_t ranges[4] = { 0, cpu_to_fdt32(0x1),
				      cpu_to_fdt32(0x0), cpu_to_fdt32(0x10000000) };

		/* soc 1/1 -> root 2 cells: child 0 -> CPU 0x100000000 */
		ranges[0] = cpu_to_fdt32(0);
		assert_int_equal(fdt_setprop(fdt, fdt_path_offset(fdt, "/soc"), "ranges",
					     ranges, sizeof(ranges)), 0);
	}
	assert_int_equal(check(fdt, 33), 0);
	assert_int_equal(rep.console.base, 0x101000000ULL);
	assert_false(has_finding(&rep, "shared half")); /* exactly the shared alias */
	assert_int_equal(check(fdt, 32), 0);
	assert_true(has_finding(&rep, "not in the shared half"));
	free(fdt);
}

static void test_cells(void **state)
{
	uint8_t *fdt;

	(void)state;
	/* Insane nested cells: a finding. */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	assert_int_equal(fdt_setprop_u32(fdt, fdt_path_offset(fdt, "/soc"),
					 "#address-cells", 5), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "/soc: #address-cells/#size-cells malformed"));
	free(fdt);

	/* Root cells of 3: readable, but not sane for RAM. */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	assert_int_equal(fdt_setprop_u32(fdt, 0, "#size-cells", 3), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "/: #address-cells and #size-cells must each be 1 or 2"));
	free(fdt);

	/* Huge root cells or a malformed cell property: an invalid DTB. */
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	assert_int_equal(fdt_setprop_u32(fdt, 0, "#address-cells", 0x10000), 0);
	assert_int_equal(check(fdt, 40), RLM_EMALFORMED);
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, 40), RLM_EMALFORMED);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "x", 0, 1), RLM_EMALFORMED);
	free(fdt);
	fdt = build_realm_tree(0x1000);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	assert_int_equal(fdt_setprop_u64(fdt, 0, "#size-cells", 2), 0);
	assert_int_equal(check(fdt, 40), RLM_EMALFORMED);
	free(fdt);
}

static void test_bad_blobs(void **state)
{
	uint8_t *fdt = build_realm_tree(0x1000);
	size_t len = fdt_totalsize(fdt);
	struct rlm_dt_range ram[2];
	size_t n;
	uint8_t *copy = malloc(len);

	(void)state;
	assert_non_null(copy);
	assert_int_equal(rlm_dt_check(NULL, len, 40, &rep), RLM_EINVAL);
	assert_int_equal(rlm_dt_check(fdt, len, 40, NULL), RLM_EINVAL);
	assert_int_equal(rlm_dt_check(fdt, len, 31, &rep), RLM_ERANGE);
	assert_int_equal(rlm_dt_check(fdt, len, 53, &rep), RLM_ERANGE);
	assert_int_equal(rlm_dt_check(fdt, 0, 40, &rep), RLM_ETRUNC);
	assert_int_equal(rlm_dt_check(fdt, 39, 40, &rep), RLM_ETRUNC);
	/* Truncated at every length: never accepted, never crashes. */
	for (n = 40; n < len; n++)
		assert_int_equal(rlm_dt_check(fdt, n, 40, &rep), RLM_ETRUNC);
	/* Bad magic. */
	memcpy(copy, fdt, len);
	copy[0] ^= 0xff;
	assert_int_equal(rlm_dt_check(copy, len, 40, &rep), RLM_EMALFORMED);
	assert_int_equal(rlm_dt_ram_ranges(copy, len, ram, 2, &n), RLM_EMALFORMED);
	/* Every single-byte corruption of the structure block: valid or
	 * rejected, never a crash (ASan watches). */
	for (n = fdt_off_dt_struct(fdt); n < len; n++) {
		int err;

		memcpy(copy, fdt, len);
		copy[n] ^= 0x5a;
		err = rlm_dt_check(copy, len, 40, &rep);
		assert_true(err == 0 || err == RLM_EMALFORMED || err == RLM_ETRUNC);
	}
	/* Fix-ups on bad input. */
	assert_int_equal(rlm_dt_fixup_console(fdt, 10, 40), RLM_ETRUNC);
	assert_int_equal(rlm_dt_fixup_console(fdt, len, 20), RLM_ERANGE);
	assert_int_equal(rlm_dt_fixup_console(NULL, len, 40), RLM_EINVAL);
	free(copy);
	free(fdt);
}

/* Offset of the first FDT_PROP tag in the structure block. */
static size_t first_prop(const uint8_t *fdt)
{
	size_t off = fdt_off_dt_struct(fdt), end = off + fdt_size_dt_struct(fdt);

	for (; off + 4 <= end; off += 4)
		if (fdt32_to_cpu(*(const fdt32_t *)(fdt + off)) == FDT_PROP)
			return off;
	fail_msg("no property");
	return 0;
}

/*
 * The structure walk that replaced libfdt's fdt_check_full(): Debian's
 * libfdt 1.6.1 never returned on a blob fuzz_dt found; forged lengths,
 * names and nesting must all be refused promptly.
 */
static void test_structure_walk(void **state)
{
	uint8_t *fdt = build_realm_tree(0x1000), *copy, *hang;
	size_t len = fdt_totalsize(fdt), p = first_prop(fdt), hlen;
	char path[512];

	(void)state;
	copy = malloc(len);
	assert_non_null(copy);
	/* the blob that hung fdt_check_full */
	hang = tu_read_file(tu_src_path("tests/dt/data/fdt-check-full-hang.dtb",
					path, sizeof(path)), &hlen);
	assert_int_equal(rlm_dt_check(hang, hlen, 40, &rep), RLM_EMALFORMED);
	free(hang);
	/* a property length that wraps the offset around */
	memcpy(copy, fdt, len);
	*(fdt32_t *)(copy + p + 4) = cpu_to_fdt32(0xfffffff0u);
	assert_true(rlm_dt_check(copy, len, 40, &rep) < 0);
	*(fdt32_t *)(copy + p + 4) = cpu_to_fdt32(0x7ffffff0u);
	assert_true(rlm_dt_check(copy, len, 40, &rep) < 0);
	/* a property name outside the strings block */
	memcpy(copy, fdt, len);
	*(fdt32_t *)(copy + p + 8) = cpu_to_fdt32(fdt_size_dt_strings(fdt));
	assert_int_equal(rlm_dt_check(copy, len, 40, &rep), RLM_EMALFORMED);
	/* an unknown tag, and an END_NODE closing the root early */
	memcpy(copy, fdt, len);
	*(fdt32_t *)(copy + p) = cpu_to_fdt32(0x77);
	assert_int_equal(rlm_dt_check(copy, len, 40, &rep), RLM_EMALFORMED);
	memcpy(copy, fdt, len);
	*(fdt32_t *)(copy + p) = cpu_to_fdt32(FDT_END);
	assert_int_equal(rlm_dt_check(copy, len, 40, &rep), RLM_EMALFORMED);
	/* the unmodified tree still passes */
	assert_int_equal(rlm_dt_check(fdt, len, 40, &rep), 0);
	free(copy);
	free(fdt);
}

static void test_ram_ranges(void **state)
{
	uint8_t *fdt = build_realm_tree(0x40000000);
	struct rlm_dt_range ram[3];
	size_t n = 99;

	(void)state;
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	add_memory(fdt, "memory@10000000", 0x10000000, 0x1000);
	add_memory(fdt, "memory@0", 0, 0); /* empty: dropped */
	assert_int_equal(rlm_dt_ram_ranges(fdt, BUFSZ, ram, 3, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ram[0].base, 0x10000000);
	assert_int_equal(ram[0].size, 0x1000);
	assert_int_equal(ram[1].base, 0x40000000);
	assert_int_equal(rlm_dt_ram_ranges(fdt, BUFSZ, ram, 1, &n), RLM_ENOSPC);
	assert_int_equal(n, 2);
	assert_int_equal(rlm_dt_ram_ranges(fdt, BUFSZ, NULL, 0, &n), RLM_ENOSPC);
	assert_int_equal(rlm_dt_ram_ranges(fdt, BUFSZ, NULL, 1, &n), RLM_EINVAL);
	assert_int_equal(rlm_dt_ram_ranges(fdt, BUFSZ, ram, 3, NULL), RLM_EINVAL);
	/* A malformed memory reg makes the planner's call fail, not guess. */
	assert_int_equal(fdt_setprop_u32(fdt, fdt_path_offset(fdt, "/memory@0"), "reg", 1), 0);
	assert_int_equal(rlm_dt_ram_ranges(fdt, BUFSZ, ram, 3, &n), RLM_EMALFORMED);
	free(fdt);
}

static void test_reserved(void **state)
{
	uint8_t *fdt = build_realm_tree(0x40000000);
	const fdt32_t *reg;
	int node, len;
	uint8_t *small;

	(void)state;
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "efi-secret", 0x7fff0000, 0x1000), 0);
	node = fdt_path_offset(fdt, "/reserved-memory/efi-secret@7fff0000");
	assert_true(node > 0);
	reg = fdt_getprop(fdt, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), 0x7fff0000);
	assert_int_equal(fdt32_to_cpu(reg[3]), 0x1000);
	assert_non_null(fdt_getprop(fdt, node, "no-map", &len));
	assert_int_equal(len, 0);
	assert_non_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/reserved-memory"), "ranges", &len));
	/* The check still passes its memory rules (reserved is not RAM). */
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rep.nram, 1);
	/* A second area goes into the same node; a duplicate is refused. */
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "other", 0x7ffe0000, 0x1000), 0);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "efi-secret", 0x7fff0000, 0x1000),
			 RLM_EEXIST);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "bad@name", 0, 1), RLM_EINVAL);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "", 0, 1), RLM_EINVAL);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "z", 0, 0), RLM_EINVAL);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "z", ~0ULL, 2), RLM_EINVAL);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, NULL, 0, 1), RLM_EINVAL);
	/* No room to grow: ENOSPC, never an overflow. */
	len = (int)fdt_totalsize(fdt);
	small = malloc((size_t)len);
	assert_non_null(small);
	memcpy(small, fdt, (size_t)len);
	assert_int_equal(rlm_dt_add_reserved(small, (size_t)len, "more", 0x1000, 0x1000),
			 RLM_ENOSPC);
	free(small);
	free(fdt);

	/* 1-cell root: a 64-bit base does not fit. */
	fdt = buf_new();
	set_cells(fdt, 0, 1, 1);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "s", 0x100000000ULL, 1), RLM_ERANGE);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "s", 0x1000, 0x1000), 0);
	reg = fdt_getprop(fdt, fdt_path_offset(fdt, "/reserved-memory/s@1000"), "reg", &len);
	assert_int_equal(len, 8);
	free(fdt);
}

/* ---- earlycon, MMIO over RAM, the EFI secret area -------------------------- */

/* 2/2 cells, RAM at 0x40000000 (mem bytes), a PL011 at the root named by
 * stdout-path, then moved to its shared alias for ipa_bits. */
static uint8_t *build_flat_tree(uint64_t mem, unsigned int ipa_bits)
{
	uint8_t *fdt = buf_new();
	int uart, chosen;

	set_cells(fdt, 0, 2, 2);
	add_memory(fdt, "memory@40000000", 0x40000000, mem);
	uart = fdt_add_subnode(fdt, 0, "pl011@9000000");
	assert_true(uart >= 0);
	assert_int_equal(fdt_setprop_u64(fdt, uart, "reg", 0x9000000), 0);
	assert_int_equal(fdt_appendprop_u64(fdt, uart, "reg", 0x1000), 0);
	chosen = fdt_add_subnode(fdt, 0, "chosen");
	assert_true(chosen >= 0);
	assert_int_equal(fdt_setprop_string(fdt, chosen, "stdout-path", "/pl011@9000000"), 0);
	assert_int_equal(rlm_dt_fixup_console(fdt, BUFSZ, ipa_bits), 0);
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	return fdt;
}

static void set_bootargs(uint8_t *fdt, const char *args)
{
	int chosen;

	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0); /* room again */
	chosen = fdt_path_offset(fdt, "/chosen");
	assert_true(chosen >= 0);
	assert_int_equal(fdt_setprop_string(fdt, chosen, "bootargs", args), 0);
}

static void test_earlycon(void **state)
{
	uint8_t *fdt = build_flat_tree(0x10000000, 33);
	static const struct {
		const char *args;
		bool bad;
	} cases[] = {
		{ "console=ttyAMA0 earlycon=pl011,0x9000000", true },
		{ "earlycon=pl011,0x9000000,115200n8 quiet", true },
		{ "earlycon=uart8250,mmio32,0x9000000", true },
		{ "earlycon=pl011,mmio32,0x109000000", false },
		{ "earlycon=pl011,0x109000000", false },
		{ "earlycon=pl011,0x209000000", true },  /* past the IPA space */
		{ "earlycon=uart8250,io,0x3f8", false }, /* port I/O */
		{ "earlycon", false },                   /* stdout-path's */
		{ "earlycon=efifb", false },
		{ "noearlycon=pl011,0x9000000", false }, /* not the parameter */
		{ "", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set_bootargs(fdt, cases[i].args);
		assert_int_equal(check(fdt, 33), 0);
		if (has_finding(&rep, "earlycon") != cases[i].bad)
			fail_msg("bootargs \"%s\": %s", cases[i].args,
				 rep.nfindings ? rep.findings[0] : "no finding");
		assert_int_equal(rep.ok, !cases[i].bad);
	}
	set_bootargs(fdt, "earlycon=pl011,0x9000000");
	assert_int_equal(check(fdt, 33), 0);
	assert_true(has_finding(&rep, "earlycon=pl011,0x9000000 at 0x9000000 is not in the shared half [0x100000000, 0x200000000)"));
	free(fdt);
}

static int add_dev(uint8_t *fdt, int parent, const char *name, uint64_t base,
		   uint64_t size, bool cells64)
{
	int n;

	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0); /* room again */
	n = fdt_add_subnode(fdt, parent, name);
	assert_true(n >= 0);
	if (cells64) {
		assert_int_equal(fdt_setprop_u64(fdt, n, "reg", base), 0);
		assert_int_equal(fdt_appendprop_u64(fdt, n, "reg", size), 0);
	} else {
		assert_int_equal(fdt_setprop_u32(fdt, n, "reg", (uint32_t)base), 0);
		assert_int_equal(fdt_appendprop_u32(fdt, n, "reg", (uint32_t)size), 0);
	}
	return n;
}

static void test_mmio_over_ram(void **state)
{
	uint8_t *fdt = build_flat_tree(0x10000000, 40); /* RAM 0x40000000+256M */
	int soc = 0, cpus, cpu, n;

	(void)state;
	assert_int_equal(check(fdt, 40), 0);
	assert_true(rep.ok);
	/* beside RAM: fine; inside: a finding naming the node */
	add_dev(fdt, 0, "virtio_mmio@a000000", 0xa000000, 0x200, true);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(rep.ok);
	add_dev(fdt, 0, "virtio_mmio@40001000", 0x40001000, 0x200, true);
	assert_int_equal(check(fdt, 40), 0);
	assert_false(rep.ok);
	assert_true(has_finding(&rep, "/virtio_mmio@40001000: MMIO 0x40001000+0x200 overlaps protected RAM 0x40000000+0x10000000"));
	/* disabled: not a device */
	n = fdt_path_offset(fdt, "/virtio_mmio@40001000");
	assert_int_equal(fdt_setprop_string(fdt, n, "status", "disabled"), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(rep.ok);
	/* through a bus: one that maps a child into RAM is found after
	 * translation */
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	soc = fdt_add_subnode(fdt, 0, "bus2");
	assert_true(soc >= 0);
	set_cells(fdt, soc, 1, 1);
	{
		fdt32_t ranges[4] = { cpu_to_fdt32(0), cpu_to_fdt32(0),
				      cpu_to_fdt32(0x4f000000), cpu_to_fdt32(0x100000) };

		assert_int_equal(fdt_setprop(fdt, soc, "ranges", ranges, sizeof(ranges)), 0);
	}
	add_dev(fdt, soc, "dev@1000", 0x1000, 0x100, false);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(has_finding(&rep, "/bus2/dev@1000: MMIO 0x4f001000+0x100 overlaps"));
	/* a bus with no ranges has no MMIO to check */
	assert_int_equal(fdt_delprop(fdt, fdt_path_offset(fdt, "/bus2"), "ranges"), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_false(has_finding(&rep, "overlaps protected RAM"));
	/* CPUs and reservations have reg too, and are not MMIO */
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	cpus = fdt_add_subnode(fdt, 0, "cpus");
	assert_true(cpus >= 0);
	set_cells(fdt, cpus, 1, 0);
	cpu = fdt_add_subnode(fdt, cpus, "cpu@0");
	assert_int_equal(fdt_setprop_u32(fdt, cpu, "reg", 0x40000000), 0);
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "efi-secret", 0x40100000, 0x1000), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_true(rep.ok);
	free(fdt);
}

static void test_secret_area(void **state)
{
	uint8_t *fdt = build_flat_tree(0x10000000, 40); /* RAM 0x40000000+256M */
	struct rlm_dt_report saved;

	(void)state;
	/* in RAM but not reserved */
	assert_int_equal(check(fdt, 40), 0);
	saved = rep;
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x4ff00000, 0x1000, &rep), 0);
	assert_false(rep.ok);
	assert_true(has_finding(&rep, "EFI secret area 0x4ff00000+0x1000 is not reserved"));
	assert_false(has_finding(&rep, "not inside protected RAM"));
	/* reserved: the contract holds */
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "efi-secret", 0x4ff00000, 0x1000), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x4ff00000, 0x1000, &rep), 0);
	assert_true(rep.ok);
	/* half in, half beyond the reservation */
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x4ff00800, 0x1000, &rep), 0);
	assert_true(has_finding(&rep, "is not reserved"));
	/* outside RAM (not RIPAS RAM), even if reserved */
	assert_int_equal(rlm_dt_add_reserved(fdt, BUFSZ, "efi-secret", 0x30000000, 0x1000), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x30000000, 0x1000, &rep), 0);
	assert_true(has_finding(&rep, "0x30000000+0x1000 is not inside protected RAM"));
	assert_false(has_finding(&rep, "is not reserved"));
	/* straddling the end of RAM */
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x4ffff000, 0x2000, &rep), 0);
	assert_true(has_finding(&rep, "not inside protected RAM"));
	/* a /memreserve/ entry reserves too */
	assert_int_equal(fdt_open_into(fdt, fdt, BUFSZ), 0);
	assert_int_equal(fdt_add_mem_rsv(fdt, 0x48000000, 0x2000), 0);
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x48001000, 0x1000, &rep), 0);
	assert_true(rep.ok);
	/* bad input */
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x48001000, 0, &rep), RLM_EINVAL);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, UINT64_MAX, 2, &rep), RLM_EINVAL);
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x48001000, 1, NULL), RLM_EINVAL);
	memset(&saved, 0, sizeof(saved));
	assert_int_equal(rlm_dt_check_secret_area(fdt, BUFSZ, 0x48001000, 1, &saved), RLM_EINVAL);
	assert_int_equal(check(fdt, 40), 0);
	assert_int_equal(rlm_dt_check_secret_area(fdt, 10, 0x48001000, 1, &rep), RLM_ETRUNC);
	free(fdt);
}

static void test_shared_alias(void **state)
{
	(void)state;
	assert_int_equal(rlm_dt_shared_alias(0x1000000, 33), 0x101000000ULL);
	assert_int_equal(rlm_dt_shared_alias(0x101000000ULL, 33), 0x101000000ULL);
	assert_int_equal(rlm_dt_shared_alias(0x9000000, 48), 0x800009000000ULL);
	assert_int_equal(rlm_dt_shared_alias(5, 0), 5);
	assert_int_equal(rlm_dt_shared_alias(5, 65), 5);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_virt),
		cmocka_unit_test(test_structure_walk),
		cmocka_unit_test(test_good_tree_translated),
		cmocka_unit_test(test_stdout_path_direct),
		cmocka_unit_test(test_memory_rules),
		cmocka_unit_test(test_console_rules),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_bad_blobs),
		cmocka_unit_test(test_ram_ranges),
		cmocka_unit_test(test_reserved),
		cmocka_unit_test(test_shared_alias),
		cmocka_unit_test(test_earlycon),
		cmocka_unit_test(test_mmio_over_ram),
		cmocka_unit_test(test_secret_area),
	};

	g_argc = argc;
	g_argv = argv;
	return cmocka_run_group_tests_name("dt", tests, NULL, NULL);
}
