/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librealm test tier umbrella: <realm/realm.h> and what tests of a VMM or a
 * guest agent use besides (library librealm-testing):
 *   realm/mock.h            the mock RMM and its attestation provider;
 *   realm/conduit-record.h  a conduit that records calls and answers them
 *                           from a script;
 *   realm/trace.h           the RMI trace runner;
 *   realm/kvm-model.h       a model of each KVM realm series over the mock.
 * Not for production code: the mock's attestation keys are well known.
 */
#ifndef RLM_TESTING_H
#define RLM_TESTING_H

#include <realm/realm.h>
#include <realm/mock.h>
#include <realm/conduit-record.h>
#include <realm/trace.h>
#include <realm/kvm-model.h>

#endif /* RLM_TESTING_H */
