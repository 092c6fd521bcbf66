package io.github.smtphealth.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real servers that {@code scripts/smtp-lab/start.sh} runs, as described by its {@code lab.env}
 * ({@code KEY=VALUE} lines). The file is found through the {@code smtp.lab.env} system property, the
 * {@code SMTP_LAB_ENV} environment variable, or at {@code /var/tmp/smtp-lab/lab.env}.
 *
 * @param values the keys and values
 * @since 0.1.0
 */
public record LabEnv(Map<String, String> values) {

	/**
	 * The file's usual place.
	 */
	public static final Path DEFAULT_FILE = Path.of("/var/tmp/smtp-lab/lab.env");

	/**
	 * Create an environment, copying the values.
	 * @param values the keys and values
	 */
	public LabEnv {
		values = Map.copyOf(values);
	}

	/**
	 * Load the lab's environment, if the lab has been started.
	 * @return the environment, or empty when there is no {@code lab.env}
	 */
	public static Optional<LabEnv> load() {
		String configured = System.getProperty("smtp.lab.env", System.getenv("SMTP_LAB_ENV"));
		Path file = (configured != null && !configured.isBlank()) ? Path.of(configured) : DEFAULT_FILE;
		if (!Files.isReadable(file)) {
			return Optional.empty();
		}
		try {
			Map<String, String> values = new LinkedHashMap<>();
			for (String line : Files.readAllLines(file)) {
				int equals = line.indexOf('=');
				if (equals > 0 && !line.startsWith("#")) {
					values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
				}
			}
			return Optional.of(new LabEnv(values));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a value.
	 * @param key the key, such as {@code SMTP_LAB_USER}
	 * @return the value
	 * @throws IllegalStateException if the key is missing
	 */
	public String get(String key) {
		String value = this.values.get(key);
		if (value == null) {
			throw new IllegalStateException("lab.env has no " + key);
		}
		return value;
	}

	/**
	 * Return a port.
	 * @param key the key, such as {@code SMTP_LAB_POSTFIX_PLAIN_PORT}
	 * @return the port
	 */
	public int port(String key) {
		return Integer.parseInt(get(key));
	}

}
