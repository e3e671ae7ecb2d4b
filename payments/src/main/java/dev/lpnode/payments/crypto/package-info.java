/**
 * Ethereum cryptography for the whole node: {@link dev.lpnode.payments.crypto.Keccak keccak256},
 * the 20-byte {@link dev.lpnode.payments.crypto.EthAddress}, personal-sign (EIP-191) signatures made
 * by a {@link dev.lpnode.payments.crypto.SigningKey} and checked by {@link
 * dev.lpnode.payments.crypto.EthSignatures} with libsecp256k1 (JNI, fr.acinq.secp256k1).
 *
 * <p>The checks are the TicketBroker contract's and go-livepeer's: 65-byte signatures, v 27 or 28,
 * low s. The orchestrator uses the same calls for the gateway's OrchestratorRequest and SegData
 * signatures and to sign TranscodeData; those messages are keccak256 digests (protocol.md §3–4),
 * so callers hash first and then personal-sign the 32-byte digest.
 */
package dev.lpnode.payments.crypto;
