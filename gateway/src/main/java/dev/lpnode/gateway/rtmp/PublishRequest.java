package dev.lpnode.gateway.rtmp;

/**
 * A client asks to publish {@code rtmp://host/<app>/<streamName>}.
 *
 * @param app           the application from {@code connect} (e.g. {@code live})
 * @param streamName    the name given to {@code publish}, query string included as sent
 * @param tcUrl         the URL the client says it connected to
 * @param remoteAddress the client's address, for logs
 */
public record PublishRequest(String app, String streamName, String tcUrl, String remoteAddress) {}
