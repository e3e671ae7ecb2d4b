package dev.lpnode.storage;

/** A database that cannot be opened, read or written. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
