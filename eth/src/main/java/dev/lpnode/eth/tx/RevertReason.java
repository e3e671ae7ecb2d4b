package dev.lpnode.eth.tx;

import java.util.List;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.Response;

/** A contract's revert reason from a JSON-RPC error: its {@code Error(string)} data, else the node's message. */
final class RevertReason {
  /** The selector of Solidity's {@code Error(string)}. */
  private static final String ERROR_SELECTOR = "0x08c379a0";
  private static final String NODE_PREFIX = "execution reverted: ";
  private static final List<TypeReference<Type>> STRING = Utils.convert(List.of(new TypeReference<Utf8String>() {}));

  private RevertReason() {}

  /** True if the error says the call reverts (rather than, say, a bad request). */
  static boolean isRevert(Response.Error error) {
    return error.getCode() == 3 || error.getMessage() != null && error.getMessage().startsWith("execution reverted");
  }

  static String of(Response.Error error) {
    String data = error.getData();
    if (data != null && data.startsWith("\"")) {
      data = data.substring(1, data.length() - 1);
    }
    if (data != null && data.startsWith(ERROR_SELECTOR)) {
      List<Type> decoded = FunctionReturnDecoder.decode(data.substring(ERROR_SELECTOR.length()), STRING);
      if (!decoded.isEmpty()) {
        return decoded.get(0).getValue().toString();
      }
    }
    String message = error.getMessage() == null ? "" : error.getMessage();
    return message.startsWith(NODE_PREFIX) ? message.substring(NODE_PREFIX.length()) : message;
  }
}
