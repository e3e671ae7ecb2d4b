package dev.lpnode.ledger;

import dev.lpnode.payments.crypto.EthAddress;
import java.math.BigInteger;

/** What a slash did: the penalty taken from the offender's own bond, the finder's part, and what was burned. */
public record SlashResult(EthAddress offender, BigInteger penalty, BigInteger finderFee, BigInteger burned) {}
