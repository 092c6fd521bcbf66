/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.smtphealth.autoconfigure;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Security;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.StringUtils;

/**
 * What the application's own {@code JavaMailSenderImpl} would do on the wire, read from
 * {@code spring.mail.*} the way Boot's {@code MailSenderPropertiesConfiguration} and
 * Angus Mail's {@code SMTPTransport} and {@code SocketFetcher} read it, as values keyed
 * like {@code smtp.check} keys, each with the property it came from. JavaMail properties
 * are read under {@code mail.<protocol>.}, as Angus does ({@code mail.smtps.*} when
 * {@code spring.mail.protocol=smtps}). Settings that only change JavaMail's own socket
 * timeouts are not mapped: the probe has its deadline.
 */
final class SpringMailSettings {

	static final String PREFIX = "spring.mail";

	private final Map<String, Value> values;

	private SpringMailSettings(Map<String, Value> values) {
		this.values = values;
	}

	/**
	 * Return the mapped value of a key, or {@code null} if {@code spring.mail} does not
	 * set it.
	 * @param key a key relative to one server, such as {@code tls.verify}
	 * @return the value with its origin, or {@code null}
	 */
	@Nullable Value get(String key) {
		return this.values.get(key);
	}

	/**
	 * Read the application's mail settings.
	 * @param binder the binder of the environment
	 * @return the settings, or {@code null} if {@code spring.mail.host} is not set
	 */
	static @Nullable SpringMailSettings read(Binder binder) {
		String host = binder.bind(PREFIX + ".host", String.class).orElse(null);
		if (!StringUtils.hasText(host)) {
			return null;
		}
		String protocol = binder.bind(PREFIX + ".protocol", String.class)
			.map((value) -> value.toLowerCase(Locale.ROOT))
			.orElse("smtp");
		JavaMailProperties javaMail = new JavaMailProperties(protocol,
				binder.bind(PREFIX + ".properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
		Map<String, Value> values = new LinkedHashMap<>();
		values.put("host", new Value(host, PREFIX + ".host"));
		Integer port = binder.bind(PREFIX + ".port", Integer.class).orElse(null);
		if (port != null) {
			values.put("port", new Value(port, PREFIX + ".port"));
		}
		else {
			javaMail.putInteger(values, "port", "port");
		}
		security(binder, protocol, javaMail, values);
		javaMail.putFirstText(values, "helo-name", "localhost", "localaddress");
		javaMail.putFirstText(values, "mail-from", "from");
		credentials(binder, javaMail, values);
		String bundle = binder.bind(PREFIX + ".ssl.bundle", String.class).orElse(null);
		if (StringUtils.hasText(bundle)) {
			values.put("tls.bundle", new Value(bundle, PREFIX + ".ssl.bundle"));
		}
		trust(host, javaMail, values);
		javaMail.putWords(values, "tls.protocols", "ssl.protocols");
		javaMail.putWords(values, "tls.cipher-suites", "ssl.ciphersuites");
		return new SpringMailSettings(values);
	}

	/**
	 * SMTPS for the {@code smtps} protocol, {@code spring.mail.ssl.enabled} (Boot sets
	 * {@code mail.<protocol>.ssl.enable}) or {@code ssl.enable}; STARTTLS for
	 * {@code starttls.enable} or {@code starttls.required}. Where JavaMail with
	 * {@code starttls.enable} alone would carry on in plaintext, the probe does not: that
	 * is the downgrade a health check exists to catch.
	 */
	private static void security(Binder binder, String protocol, JavaMailProperties javaMail,
			Map<String, Value> values) {
		if ("smtps".equals(protocol)) {
			values.put("security", new Value(Security.SMTPS, PREFIX + ".protocol"));
		}
		else if (binder.bind(PREFIX + ".ssl.enabled", Boolean.class).orElse(false)) {
			values.put("security", new Value(Security.SMTPS, PREFIX + ".ssl.enabled"));
		}
		else if (javaMail.isTrue("ssl.enable")) {
			values.put("security", new Value(Security.SMTPS, javaMail.property("ssl.enable")));
		}
		else if (javaMail.isTrue("starttls.required")) {
			values.put("security", new Value(Security.STARTTLS, javaMail.property("starttls.required")));
		}
		else if (javaMail.isTrue("starttls.enable")) {
			values.put("security", new Value(Security.STARTTLS, javaMail.property("starttls.enable")));
		}
	}

	/**
	 * Like {@code SMTPTransport.protocolConnect}: AUTH only with both a user name and a
	 * password. A single mechanism in {@code auth.mechanisms} is the one used; XOAUTH2
	 * takes the password as its token, as Angus's {@code OAuth2Authenticator} does.
	 */
	private static void credentials(Binder binder, JavaMailProperties javaMail, Map<String, Value> values) {
		String username = binder.bind(PREFIX + ".username", String.class).orElse(null);
		String password = binder.bind(PREFIX + ".password", String.class).orElse(null);
		if (!StringUtils.hasText(username) || password == null) {
			return;
		}
		values.put("auth.username", new Value(username, PREFIX + ".username"));
		AuthMechanism mechanism = javaMail.singleMechanism();
		if (mechanism != null) {
			values.put("auth.mechanism", new Value(mechanism, javaMail.property("auth.mechanisms")));
		}
		String secretKey = (mechanism == AuthMechanism.XOAUTH2) ? "auth.token" : "auth.password";
		values.put(secretKey, new Value(password, PREFIX + ".password"));
	}

	/**
	 * {@code ssl.trust} is {@code *} or a list of hosts whose certificates JavaMail
	 * accepts without checking the chain ({@code MailSSLSocketFactory});
	 * {@code ssl.checkserveridentity=false} turns off host name verification.
	 */
	private static void trust(String host, JavaMailProperties javaMail, Map<String, Value> values) {
		List<String> trusted = javaMail.words("ssl.trust");
		if (trusted.contains("*") || trusted.stream().anyMatch(host::equalsIgnoreCase)) {
			values.put("tls.verify", new Value(false, javaMail.property("ssl.trust")));
		}
		if (javaMail.isFalse("ssl.checkserveridentity")) {
			values.put("tls.verify-hostname", new Value(false, javaMail.property("ssl.checkserveridentity")));
		}
	}

	/**
	 * One mapped setting.
	 *
	 * @param value the value, typed as the {@code smtp.check} key it maps to
	 * @param property the full name of the property it came from
	 */
	record Value(Object value, String property) {
	}

	/**
	 * The {@code mail.<protocol>.*} entries of {@code spring.mail.properties}.
	 */
	private record JavaMailProperties(String protocol, Map<String, String> properties) {

		@Nullable String get(String key) {
			String value = this.properties.get("mail." + this.protocol + "." + key);
			return (value != null) ? value.strip() : null;
		}

		String property(String key) {
			return PREFIX + ".properties.mail." + this.protocol + "." + key;
		}

		boolean isTrue(String key) {
			return "true".equalsIgnoreCase(get(key));
		}

		boolean isFalse(String key) {
			return "false".equalsIgnoreCase(get(key));
		}

		List<String> words(String key) {
			String value = get(key);
			return (value != null && !value.isEmpty()) ? Arrays.asList(value.split("\\s+")) : List.of();
		}

		void putFirstText(Map<String, Value> values, String target, String... keys) {
			for (String key : keys) {
				String value = get(key);
				if (value != null && !value.isEmpty()) {
					values.put(target, new Value(value, property(key)));
					return;
				}
			}
		}

		void putInteger(Map<String, Value> values, String target, String key) {
			String value = get(key);
			if (value != null && !value.isEmpty()) {
				try {
					values.put(target, new Value(Integer.valueOf(value), property(key)));
				}
				catch (NumberFormatException ex) {
					throw new InvalidSmtpCheckPropertyException(property(key), value, "Must be a port number");
				}
			}
		}

		void putWords(Map<String, Value> values, String target, String key) {
			List<String> words = words(key);
			if (!words.isEmpty()) {
				values.put(target, new Value(List.copyOf(words), property(key)));
			}
		}

		@Nullable AuthMechanism singleMechanism() {
			List<String> mechanisms = words("auth.mechanisms");
			if (mechanisms.size() != 1) {
				return null;
			}
			return switch (mechanisms.get(0).toUpperCase(Locale.ROOT)) {
				case "PLAIN" -> AuthMechanism.PLAIN;
				case "LOGIN" -> AuthMechanism.LOGIN;
				case "XOAUTH2" -> AuthMechanism.XOAUTH2;
				default -> null;
			};
		}

	}

}
