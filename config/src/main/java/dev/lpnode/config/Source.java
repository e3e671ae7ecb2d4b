package dev.lpnode.config;

/** Where a flag's value came from; later sources override earlier ones. */
public enum Source {
  DEFAULT, FILE, ENV, FLAG
}
