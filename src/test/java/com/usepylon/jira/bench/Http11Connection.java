package com.usepylon.jira.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One kept-alive HTTP/1.1 connection that sends prepared request bytes and reads just enough of each
 * answer to know its status and where it ends. The JDK's HTTP client costs several times more CPU per
 * request; on a 2-core machine that CPU is taken from the service under test and flattens every ratio.
 */
final class Http11Connection implements AutoCloseable {

    private final InetSocketAddress server;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    Http11Connection(InetSocketAddress server) {
        this.server = server;
    }

    /** A GET, with a bearer token unless it is null, as the bytes that go over the wire. */
    static byte[] get(String path, String bearer) {
        return request("GET", path, bearer, null, null);
    }

    /** A POST of a JSON body from a Forge app, with the system token Forge sends along. */
    static byte[] postJson(String path, String bearer, String systemToken, String body) {
        return request("POST", path, bearer, systemToken, body);
    }

    private static byte[] request(String method, String path, String bearer, String systemToken,
            String body) {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n");
        if (bearer != null) {
            request.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (systemToken != null) {
            request.append("X-Forge-Oauth-System: ").append(systemToken).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length)
                    .append("\r\n");
        }
        byte[] head = request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[head.length + content.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(content, 0, whole, head.length, content.length);
        return whole;
    }

    /** Sends the request and returns the answer's status, or -1 if the connection failed. */
    int exchange(byte[] request) {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            return -1;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, 5_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    private int readResponse() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean closes = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        if (chunked) {
            skipChunks();
        } else {
            skip(length);
        }
        if (closes) {
            close();
        }
        return status;
    }

    private void skipChunks() throws IOException {
        for (long size = Long.parseLong(readLine().trim(), 16); size > 0;
                size = Long.parseLong(readLine().trim(), 16)) {
            skip(size);
            readLine();
        }
        readLine(); // the empty line after the last chunk
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("Connection closed in the middle of a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing a broken connection; the next exchange opens a new one
        }
        socket = null;
    }
}
