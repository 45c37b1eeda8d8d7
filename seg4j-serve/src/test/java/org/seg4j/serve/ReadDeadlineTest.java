package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.infer.TestModels;

/** A client that trickles its body gets 408 at the read deadline instead of holding an HTTP thread. */
class ReadDeadlineTest {

    private static final int READ_TIMEOUT_MS = 600;

    @TempDir
    static Path tmp;

    private static SegmentationServer server;

    @BeforeAll
    static void start() throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        server = SegmentationServer.start(List.of(ModelSource.parse("rgb=" + model)),
                ServeOptions.defaults().withPort(0).withReadTimeoutMs(READ_TIMEOUT_MS));
        assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rawBodyTrickledSlowerThanTheDeadlineGets408() throws Exception {
        assertTrickleIsCut("application/octet-stream", "");
    }

    @Test
    void multipartBodyTrickledSlowerThanTheDeadlineGets408() throws Exception {
        String boundary = "seg4jTrickle";
        assertTrickleIsCut("multipart/form-data; boundary=" + boundary, "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n");
        // the server still answers at once afterwards
        byte[] png = ServeFixtures.png(TestModels.randomImage(8, 8, 1));
        assertThat(ServeFixtures.post(server.url() + "v1/models/rgb/segment", png).statusCode()).isEqualTo(200);
    }

    /** Sends the headers and {@code preamble}, then one byte every 50 ms of a 100 kB body. */
    private static void assertTrickleIsCut(String contentType, String preamble) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/models/rgb/segment HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: 100000\r\n\r\n" + preamble).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            Thread trickle = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection, or the test ended
                }
            }, "trickle");
            trickle.setDaemon(true);
            trickle.start();
            try {
                String response = readResponse(socket.getInputStream());
                double ms = (System.nanoTime() - t0) / 1e6;
                assertThat(response).startsWith("HTTP/1.1 408").contains("\"read_timeout\"")
                        .contains(READ_TIMEOUT_MS + " ms");
                assertThat(ms).isBetween(READ_TIMEOUT_MS - 50.0, READ_TIMEOUT_MS + 4000.0);
            } finally {
                trickle.interrupt();
            }
        }
    }

    /** What the server sends until it closes the connection or has sent a complete small answer. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
                String text = got.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 10 s; got: " + got.toString(StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            // connection reset after the answer
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
