/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The userspace environment's default hash provider: OpenSSL when librealm
 * was built with it (rlm_hash_openssl_provider() answers NULL otherwise,
 * and the core's built-in SHA-2 stays the default).  A load-time hook that
 * only stores a function pointer: OpenSSL is set up on the first lookup.
 * (The kernel module chooses its own: shim-kmod, lib/crypto/hash-kernel.c.)
 */
#include <realm/hash.h>

__attribute__((constructor)) static void rlm_hash_default_user_(void)
{
	rlm_hash_set_default_source(rlm_hash_openssl_provider);
}
