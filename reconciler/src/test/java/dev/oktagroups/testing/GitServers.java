package dev.oktagroups.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Minimal Git servers for transport tests, serving one repository for fetch only: Git's smart HTTP
 * protocol with Basic authentication, and SSH with public-key authentication. Both run JGit's own
 * UploadPack, so the client sees a real Git server.
 */
public final class GitServers {
  private GitServers() {}

  /** Smart HTTP at {@code url()}, accepting only {@code user:token}. */
  public static final class Http implements AutoCloseable {
    private final HttpServer server;
    private final Repository repo;
    private final String expected;
    public final AtomicInteger refused = new AtomicInteger();

    public Http(Path gitDir, String user, String token) throws IOException {
      this.repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
      this.expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/repo.git/", this::handle);
      server.start();
    }

    public String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo.git";
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          refused.incrementAndGet();
          ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
          ex.sendResponseHeaders(401, -1);
          return;
        }
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestMethod().equals("GET") && path.endsWith("/info/refs")) {
          ByteArrayOutputStream buf = new ByteArrayOutputStream();
          PacketLineOut out = new PacketLineOut(buf);
          out.writeString("# service=git-upload-pack\n");
          out.end();
          UploadPack up = new UploadPack(repo);
          up.setBiDirectionalPipe(false);
          up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
          ex.getResponseHeaders()
              .add("Content-Type", "application/x-git-upload-pack-advertisement");
          ex.sendResponseHeaders(200, buf.size());
          ex.getResponseBody().write(buf.toByteArray());
        } else if (ex.getRequestMethod().equals("POST") && path.endsWith("/git-upload-pack")) {
          ByteArrayOutputStream buf = new ByteArrayOutputStream();
          UploadPack up = new UploadPack(repo);
          up.setBiDirectionalPipe(false);
          InputStream body =
              "gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))
                  ? new GZIPInputStream(ex.getRequestBody())
                  : ex.getRequestBody();
          up.upload(body, buf, null);
          ex.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
          ex.sendResponseHeaders(200, buf.size());
          ex.getResponseBody().write(buf.toByteArray());
        } else {
          ex.sendResponseHeaders(404, -1);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      repo.close();
    }
  }

  /** SSH on loopback serving {@code git-upload-pack}, accepting one client key. */
  public static final class Ssh implements AutoCloseable {
    private final SshServer server;
    private final Repository repo;

    public Ssh(Path gitDir, KeyPair hostKey, PublicKey clientKey) throws IOException {
      this.repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
      server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(0);
      server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
      server.setPublickeyAuthenticator(
          (user, key, session) -> KeyUtils.compareKeys(key, clientKey));
      server.setPasswordAuthenticator(null);
      server.setKeyboardInteractiveAuthenticator(null);
      server.setCommandFactory((channel, command) -> new UploadCommand(repo, command));
      server.start();
    }

    public int port() {
      return server.getPort();
    }

    public String url() {
      return "ssh://git@127.0.0.1:" + port() + "/repo.git";
    }

    @Override
    public void close() throws IOException {
      server.stop(true);
      repo.close();
    }
  }

  private static final class UploadCommand implements Command {
    private final Repository repo;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadCommand(Repository repo, String command) {
      this.repo = repo;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread t =
          new Thread(
              () -> {
                try {
                  if (!command.startsWith("git-upload-pack")) {
                    err.write(
                        ("only git-upload-pack is served, not " + command + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(1);
                    return;
                  }
                  new UploadPack(repo).upload(in, out, err);
                  out.flush();
                  exit.onExit(0);
                } catch (IOException e) {
                  exit.onExit(1, e.getMessage());
                }
              },
              "test-upload-pack");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
