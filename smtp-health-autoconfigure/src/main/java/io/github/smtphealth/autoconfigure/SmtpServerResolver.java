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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.smtphealth.autoconfigure.ResolvedServer.Auth;
import io.github.smtphealth.autoconfigure.ResolvedServer.Origins;
import io.github.smtphealth.autoconfigure.ResolvedServer.Tls;
import io.github.smtphealth.probe.AuthMechanism;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The one place where the fallbacks of the configuration are decided, in code, as Boot's
 * {@code AutoConfiguredHealthEndpointGroups} resolves a group's settings against the
 * endpoint's: the top-level server from {@code smtp.check}; each
 * {@code smtp.check.servers.<name>}, whose unset behaviour keys fall back to the top
 * level while its identity (host, port, mail-from, rcpt-to, auth) is its own; or, when
 * neither names a host, the application's own mail server from {@code spring.mail.*},
 * with {@code smtp.check} for whatever {@code spring.mail} does not say.
 */
final class SmtpServerResolver {

	static final String PREFIX = "smtp.check";

	static final String DEFAULT_SERVER_NAME = "default";

	/**
	 * Boot's canonical form of a map key, which binds the same from properties, YAML and
	 * environment variables.
	 */
	private static final Pattern SERVER_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final @Nullable SpringMailSettings springMail;

	/**
	 * Create a resolver.
	 * @param springMail the application's mail settings, or {@code null} if it has none
	 */
	SmtpServerResolver(@Nullable SpringMailSettings springMail) {
		this.springMail = springMail;
	}

	List<ResolvedServer> resolve(SmtpHealthProperties properties) {
		List<ResolvedServer> servers = new ArrayList<>();
		if (StringUtils.hasText(properties.getHost())) {
			servers.add(topLevel(properties, null));
		}
		else if (properties.getServers().isEmpty() && this.springMail != null) {
			servers.add(topLevel(properties, this.springMail));
		}
		properties.getServers().forEach((name, server) -> {
			String prefix = PREFIX + ".servers." + name;
			if (!SERVER_NAME.matcher(name).matches()) {
				throw new InvalidSmtpCheckPropertyException(prefix, name,
						"Server names may use only lowercase letters, digits and '-'");
			}
			if (DEFAULT_SERVER_NAME.equals(name) && !servers.isEmpty()) {
				throw new InvalidSmtpCheckPropertyException(prefix, name,
						"'default' is the name of the top-level server (smtp.check.host)");
			}
			servers.add(named(name, prefix, server, properties));
		});
		return servers;
	}

	/**
	 * Whether the top-level server follows {@code spring.mail}.
	 * @param properties the properties
	 * @return {@code true} if the default server's settings come from {@code spring.mail}
	 */
	boolean followsSpringMail(SmtpHealthProperties properties) {
		return !StringUtils.hasText(properties.getHost()) && properties.getServers().isEmpty()
				&& this.springMail != null;
	}

	private static ResolvedServer topLevel(SmtpHealthProperties top, @Nullable SpringMailSettings mail) {
		Layer layer = new Layer(PREFIX, mail);
		SmtpHealthProperties.Auth auth = top.getAuth();
		SmtpHealthProperties.Tls tls = top.getTls();
		Auth resolvedAuth = new Auth(layer.pickNullable("auth.username", auth.getUsername()),
				layer.pickNullable("auth.password", auth.getPassword()),
				layer.pickNullable("auth.token", auth.getToken()), layer.pick("auth.mechanism", auth.getMechanism()),
				layer.pick("auth.allow-plaintext", auth.isAllowPlaintext()));
		Tls resolvedTls = new Tls(layer.pickNullable("tls.bundle", tls.getBundle()),
				layer.pick("tls.verify", tls.isVerify()), layer.pick("tls.verify-hostname", tls.isVerifyHostname()),
				layer.pick("tls.expiry-warning", tls.getExpiryWarning()),
				layer.pick("tls.expiry-critical", tls.getExpiryCritical()), layer.pick("tls.protocols", List.of()),
				layer.pick("tls.cipher-suites", List.of()));
		return new ResolvedServer(DEFAULT_SERVER_NAME, (mail != null) ? SpringMailSettings.PREFIX : PREFIX,
				layer.origins(), layer.pickNullable("host", top.getHost()), layer.pickNullable("port", top.getPort()),
				layer.pick("security", top.getSecurity()), layer.pickNullable("helo-name", top.getHeloName()),
				layer.pick("lmtp", top.isLmtp()), layer.pick("mail-from", top.getMailFrom()),
				layer.pickNullable("rcpt-to", top.getRcptTo()), layer.pickNullable("warning", top.getWarning()),
				layer.pickNullable("critical", top.getCritical()), layer.pick("timeout", top.getTimeout()),
				layer.pickNullable("connect-timeout", top.getConnectTimeout()),
				layer.pick("ip-family", top.getIpFamily()), layer.pick("cache-ttl", top.getCacheTtl()),
				layer.pick("refresh", top.getRefresh()), layer.pick("interval", top.getInterval()), resolvedAuth,
				resolvedTls);
	}

	private static ResolvedServer named(String name, String prefix, SmtpServerProperties own,
			SmtpHealthProperties top) {
		Layer layer = new Layer(prefix, null);
		SmtpServerProperties.Auth auth = own.getAuth();
		SmtpServerProperties.Tls tls = own.getTls();
		SmtpHealthProperties.Tls topTls = top.getTls();
		Auth resolvedAuth = new Auth(layer.own("auth.username", auth.getUsername()),
				layer.own("auth.password", auth.getPassword()), layer.own("auth.token", auth.getToken()),
				orDefault(layer.own("auth.mechanism", auth.getMechanism()), AuthMechanism.AUTO),
				orDefault(layer.own("auth.allow-plaintext", auth.getAllowPlaintext()), false));
		Tls resolvedTls = new Tls(layer.inheritNullable("tls.bundle", tls.getBundle(), topTls.getBundle()),
				layer.inherit("tls.verify", tls.getVerify(), topTls.isVerify()),
				layer.inherit("tls.verify-hostname", tls.getVerifyHostname(), topTls.isVerifyHostname()),
				layer.inherit("tls.expiry-warning", tls.getExpiryWarning(), topTls.getExpiryWarning()),
				layer.inherit("tls.expiry-critical", tls.getExpiryCritical(), topTls.getExpiryCritical()), List.of(),
				List.of());
		return new ResolvedServer(name, prefix, layer.origins(), layer.own("host", own.getHost()),
				layer.own("port", own.getPort()), layer.inherit("security", own.getSecurity(), top.getSecurity()),
				layer.inheritNullable("helo-name", own.getHeloName(), top.getHeloName()),
				layer.inherit("lmtp", own.getLmtp(), top.isLmtp()),
				orDefault(layer.own("mail-from", own.getMailFrom()), ""), layer.own("rcpt-to", own.getRcptTo()),
				layer.inheritNullable("warning", own.getWarning(), top.getWarning()),
				layer.inheritNullable("critical", own.getCritical(), top.getCritical()),
				layer.inherit("timeout", own.getTimeout(), top.getTimeout()),
				layer.inheritNullable("connect-timeout", own.getConnectTimeout(), top.getConnectTimeout()),
				layer.inherit("ip-family", own.getIpFamily(), top.getIpFamily()),
				layer.inherit("cache-ttl", own.getCacheTtl(), top.getCacheTtl()),
				layer.inherit("refresh", own.getRefresh(), top.getRefresh()),
				layer.inherit("interval", own.getInterval(), top.getInterval()), resolvedAuth, resolvedTls);
	}

	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Picks each key's value from the first source that has it, and remembers which
	 * property that was.
	 */
	private static final class Layer {

		private final String prefix;

		private final @Nullable SpringMailSettings mail;

		private final Map<String, String> origins = new HashMap<>();

		Layer(String prefix, @Nullable SpringMailSettings mail) {
			this.prefix = prefix;
			this.mail = mail;
		}

		/**
		 * The top-level server's value: from {@code spring.mail} when it says something,
		 * else from {@code smtp.check}.
		 */
		<T> T pick(String key, T value) {
			T picked = pickNullable(key, value);
			return (picked != null) ? picked : value;
		}

		@SuppressWarnings("unchecked")
		<T> @Nullable T pickNullable(String key, @Nullable T value) {
			SpringMailSettings.Value mapped = (this.mail != null) ? this.mail.get(key) : null;
			if (mapped != null) {
				this.origins.put(key, mapped.property());
				return (T) mapped.value();
			}
			return value;
		}

		/**
		 * A named server's own value, never inherited.
		 */
		<T> @Nullable T own(String key, @Nullable T value) {
			return value;
		}

		/**
		 * A named server's value, or the top level's when it sets none.
		 */
		<T> T inherit(String key, @Nullable T value, T inherited) {
			T resolved = inheritNullable(key, value, inherited);
			return (resolved != null) ? resolved : inherited;
		}

		<T> @Nullable T inheritNullable(String key, @Nullable T value, @Nullable T inherited) {
			if (value != null) {
				return value;
			}
			this.origins.put(key, PREFIX + "." + key);
			return inherited;
		}

		Origins origins() {
			return new Origins(this.prefix, this.origins);
		}

	}

}
