package dev.lpnode.ledger.rules;

/**
 * A mutable record in ledger storage, like a Solidity struct behind a storage pointer: {@link
 * LedgerState} hands out one instance per key and transaction and writes it back on flush. An
 * entity equal to its kind's empty value is not stored (storage zero means absent).
 */
abstract class Entity {
  abstract String encode();
}
