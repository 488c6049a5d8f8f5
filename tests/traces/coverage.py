#!/usr/bin/env python3
"""Checks that the trace files cover every RMI 1.0 row of the ACS checklist.

usage: coverage.py CHECKLIST.md TRACEDIR [DOC.md] [--write]

Every row of a checklist section for an RMI 1.0 command must be named in
that command's trace file, either on the command line that exercises it
(`# acs: LABEL`) or in a comment giving the reason it cannot be expressed
(`# acs-na: LABEL (reason)`).  Sections of RMM 1.1+ commands and of the
realm side (RSI/PSCI) are listed as out of scope.  With DOC.md the table
in docs/rmi-trace-coverage.md is compared with (or, with --write, written
from) the same data.  Exit 1 with a list when something is missing.
"""
import os
import re
import sys

RMI_1_0 = {
    "rmi_data_create_data.h": "data_create",
    "rmi_data_create_unknown_data.h": "data_create_unknown",
    "rmi_data_destroy_data.h": "data_destroy",
    "rmi_granule_delegate_data.h": "granule_delegate",
    "rmi_granule_undelegate_data.h": "granule_undelegate",
    "rmi_psci_complete_data.h": "psci_complete",
    "rmi_realm_activate_data.h": "realm_activate",
    "rmi_realm_create_data.h": "realm_create",
    "rmi_realm_destroy_data.h": "realm_destroy",
    "rmi_rec_aux_count_data.h": "rec_aux_count",
    "rmi_rec_create_data.h": "rec_create",
    "rmi_rec_destroy_data.h": "rec_destroy",
    "rmi_rec_enter_data.h": "rec_enter",
    "rmi_rtt_create_data.h": "rtt_create",
    "rmi_rtt_destroy_data.h": "rtt_destroy",
    "rmi_rtt_fold_data.h": "rtt_fold",
    "rmi_rtt_init_ripas_data.h": "rtt_init_ripas",
    "rmi_rtt_map_unprotected_data.h": "rtt_map_unprotected",
    "rmi_rtt_read_entry_data.h": "rtt_read_entry",
    "rmi_rtt_set_ripas_data.h": "rtt_set_ripas",
    "rmi_rtt_unmap_unprotected_data.h": "rtt_unmap_unprotected",
}
# Further trace files of a command (other platform features).
EXTRA = {"realm_create": ["realm_create_features"]}
# Realm-side sections (RSI 1.0 and PSCI calls a realm makes): driven from
# rsi.trace as `acs: SECTION.LABEL`.  The status the realm gets is not
# printed, so these rows are driven and their effects (measurements,
# exits) compared with the reference RMM, not their RSI status.
REALM_SIDE = [
    "psci_affinity_info_data.h", "psci_cpu_on_data.h",
    "rsi_attestation_token_continue_data.h", "rsi_host_call_data.h",
    "rsi_ipa_state_get_data.h", "rsi_ipa_state_set_data.h",
    "rsi_measurement_extend_data.h", "rsi_measurement_read_data.h",
    "rsi_realm_config_data.h",
]
# Checklist sections outside RMI/RSI 1.0 and why.
OUT_OF_SCOPE = {
    "rmi_rtt_aux_": "RMI_RTT_AUX_* are RMM 1.1 (planes); not in RMI 1.0",
    "rmi_rtt_set_s2ap": "RMI_RTT_SET_S2AP is RMM 1.1 (planes); not in RMI 1.0",
    "rsi_mem_": "RSI_MEM_* (permission indirection) are RMM 1.1 planes; not in RSI 1.0",
    "rsi_plane_": "RSI_PLANE_* are RMM 1.1 planes; not in RSI 1.0",
}


def checklist(path):
    sections, cur = {}, None
    for ln in open(path):
        m = re.match(r"## (\S+)", ln)
        if m:
            cur = m.group(1)
            sections[cur] = []
        elif ln.startswith("- ") and cur:
            f = [x.strip() for x in ln[2:].split("|")]
            sections[cur].append(f)  # check, label, status, index
    return sections


def trace_refs(path):
    refs = {}
    for n, ln in enumerate(open(path), 1):
        for m in re.finditer(r"acs(-na)?: ([A-Za-z0-9_.]+)(.*)$", ln):
            na, label, rest = m.group(1), m.group(2), m.group(3).strip()
            if label in refs:
                continue
            if na:
                reason = rest.strip("() ")
                refs[label] = ("na", n, reason)
            else:
                body = ln.split("#")[0]
                exp = body.split("=>")[1].strip() if "=>" in body else "?"
                refs[label] = ("line", n, exp)
    return refs


def main():
    args = [a for a in sys.argv[1:] if a != "--write"]
    write = "--write" in sys.argv
    sections = checklist(args[0])
    tdir = args[1]
    doc = args[2] if len(args) > 2 else None
    missing = []
    rows = []
    for sec, items in sections.items():
        if sec not in RMI_1_0:
            continue
        cmd = RMI_1_0[sec]
        refs = {}
        for name in [cmd] + EXTRA.get(cmd, []):
            tf = os.path.join(tdir, name + ".trace")
            if os.path.exists(tf):
                for k, v in trace_refs(tf).items():
                    refs.setdefault(k, v + (name,))
        for check, label, status, index in items:
            r = refs.get(label)
            if not r:
                missing.append(f"{sec}: {label} ({check}) not in {cmd}.trace")
                continue
            if r[0] == "line":
                where = f"`{r[3]}.trace:{r[1]}` → {r[2]}"
            else:
                where = f"not expressible (`{r[3]}.trace:{r[1]}`): {r[2]}"
            acs = status + ("/" + index if index != "-" else "")
            rows.append(f"| {cmd} | {check} | {label} | {acs} | {where} |")
    realm_rows = []
    refs = trace_refs(os.path.join(tdir, "rsi.trace"))
    for sec in REALM_SIDE:
        stem = sec[:-len("_data.h")]
        for check, label, status, index in sections.get(sec, []):
            r = refs.get(f"{stem}.{label}")
            if not r:
                missing.append(f"{sec}: {label} ({check}) not in rsi.trace")
                continue
            realm_rows.append(f"| {stem} | {check} | {label} | {status} | "
                              f"`rsi.trace:{r[1]}` (driven; the realm's "
                              f"status is not printed) |")
    out = ["# RMI trace coverage of the ACS checklist", "",
           "Generated by `tests/traces/coverage.py` (the `traces-coverage` test",
           "checks it is current).  Every row of "
           "`tests/vectors/rmm-acs-1.0/CHECKLIST.md`",
           "for an RMI 1.0 command, the trace line that drives it and the",
           "reference RMM's answer (TF-RMM rmm-spec-v1.0-rel0), or why the model",
           "cannot express it.  Where TF-RMM's answer differs from the ACS's",
           "expected status the trace line's comment says so.", "",
           "| command | check | ACS label | ACS expects | trace line → TF-RMM |",
           "| --- | --- | --- | --- | --- |"] + rows + ["",
           "## Realm-side rows (RSI 1.0, PSCI)", "",
           "Driven by `realm` lines in `tests/traces/rsi.trace`; the status "
           "the realm gets is",
           "not part of a trace's output, so what is compared with the "
           "reference RMM is",
           "their effect: the measurements and the REC exits that follow.", "",
           "| call | check | ACS label | ACS expects | trace line |",
           "| --- | --- | --- | --- | --- |"] + realm_rows + ["",
           "## Checklist sections outside RMI/RSI 1.0", ""]
    for sec in sections:
        if sec in RMI_1_0 or sec in REALM_SIDE:
            continue
        why = next((v for k, v in OUT_OF_SCOPE.items() if sec.startswith(k)),
                   None)
        if why is None:
            missing.append(f"{sec}: no trace file and no reason")
            why = "?"
        out.append(f"- `{sec}` ({len(sections[sec])} rows): {why}")
    text = "\n".join(out) + "\n"
    if missing:
        print("\n".join(missing))
        sys.exit(1)
    if doc:
        if write:
            open(doc, "w").write(text)
        elif not os.path.exists(doc) or open(doc).read() != text:
            print(f"{doc} is stale: run coverage.py ... --write")
            sys.exit(1)
    print(f"coverage: {len(rows)} checklist rows of RMI 1.0 commands and "
          f"{len(realm_rows)} realm-side rows covered")


main()
