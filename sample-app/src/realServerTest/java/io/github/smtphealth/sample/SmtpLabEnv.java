package io.github.smtphealth.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The {@code lab.env} of {@code scripts/smtp-lab/start.sh}, for the sample's real-server test: the file
 * named by {@code SMTP_LAB_ENV} (default {@code /var/tmp/smtp-lab/lab.env}). Where the lab is absent
 * or does not answer, the test is skipped with a message saying how to start it; under CI
 * ({@code CI=true}) it fails instead. The same policy as the autoconfigure module's {@code SmtpLab},
 * which this module cannot see.
 */
final class SmtpLabEnv {

	private static final Log logger = LogFactory.getLog(SmtpLabEnv.class);

	private static final Path DEFAULT_ENV_FILE = Path.of("/var/tmp/smtp-lab/lab.env");

	private final Path envFile;

	private final Map<String, String> values;

	private SmtpLabEnv(Path envFile, Map<String, String> values) {
		this.envFile = envFile;
		this.values = values;
	}

	/**
	 * Read the running lab, and check that the given listeners answer on the IPv4 loopback.
	 * @param portKeys the {@code lab.env} keys of the ports the test uses
	 * @return the lab
	 */
	static SmtpLabEnv get(String... portKeys) {
		String configured = System.getenv("SMTP_LAB_ENV");
		Path envFile = (configured != null && !configured.isBlank()) ? Path.of(configured) : DEFAULT_ENV_FILE;
		if (!Files.isRegularFile(envFile)) {
			return unavailable(envFile + " does not exist, so the SMTP lab is not running");
		}
		SmtpLabEnv lab = new SmtpLabEnv(envFile, read(envFile));
		for (String portKey : portKeys) {
			String host = lab.value("SMTP_LAB_HOST4");
			int port = lab.port(portKey);
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), 2000);
			}
			catch (IOException ex) {
				return unavailable(envFile + " exists but " + portKey + "=" + port + " does not answer on " + host
						+ " (" + ex.getMessage() + "), so the SMTP lab is not (fully) running");
			}
		}
		return lab;
	}

	private static SmtpLabEnv unavailable(String problem) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return fail("Real-server tests cannot run: " + problem + ". CI=true, so this is a failure, not a skip: "
					+ "the SMTP lab did not start (see the output of scripts/smtp-lab/start.sh and its logs)");
		}
		String message = "Real-server tests skipped: " + problem + ". To run them, start the lab with "
				+ "'sudo bash scripts/smtp-lab/start.sh' (Debian 12, root; see scripts/smtp-lab/README.md) or set "
				+ "SMTP_LAB_ENV to the lab.env of a running lab, then run 'mvn verify' again.";
		// Maven's console counts skipped tests but does not say why.
		logger.warn(message);
		return abort(message);
	}

	private static Map<String, String> read(Path envFile) {
		List<String> lines;
		try {
			lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + envFile + ": " + ex.getMessage(), ex);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : lines) {
			String trimmed = line.strip();
			int equals = trimmed.indexOf('=');
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				if (equals <= 0) {
					throw new IllegalStateException(envFile + " has a line that is not KEY=VALUE: " + trimmed);
				}
				values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
			}
		}
		return values;
	}

	String value(String key) {
		String value = this.values.get(key);
		if (value == null || value.isEmpty()) {
			throw new IllegalStateException(this.envFile + " has no " + key + " (is it from an older start.sh?)");
		}
		return value;
	}

	int port(String key) {
		try {
			return Integer.parseInt(value(key));
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(this.envFile + ": " + key + " is not a port", ex);
		}
	}

	List<String> list(String key) {
		return List.of(value(key).split(","));
	}

}
