package dev.lpnode.eth.rpc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigInteger;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/**
 * The fields of a block the node uses, as {@code eth_getBlockByNumber} returns them (without
 * transactions). Arbitrum adds {@code l1BlockNumber}: the L1 block its contracts see as {@code
 * block.number}, which rounds and ticket expiry count; elsewhere that is the block's own number.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class BlockHeader {
  public String number;
  public String hash;
  public String parentHash;
  public String l1BlockNumber;
  public String baseFeePerGas;

  /** The JSON-RPC response carrying one header (null result: no such block). */
  public static final class Reply extends Response<BlockHeader> {
  }

  public long number() {
    return Numeric.decodeQuantity(number).longValueExact();
  }

  /** The block number contracts see: {@code l1BlockNumber} on Arbitrum, else {@link #number()}. */
  public long l1Number() {
    return l1BlockNumber == null ? number() : Numeric.decodeQuantity(l1BlockNumber).longValueExact();
  }

  /** EIP-1559's base fee, or null on a chain without it (legacy transactions then). */
  public BigInteger baseFee() {
    return baseFeePerGas == null ? null : Numeric.decodeQuantity(baseFeePerGas);
  }

  @Override
  public String toString() {
    return "#" + number() + " " + hash;
  }
}
