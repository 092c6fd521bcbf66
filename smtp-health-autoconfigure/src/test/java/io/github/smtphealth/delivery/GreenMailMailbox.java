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

package io.github.smtphealth.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A GreenMail server (SMTP and IMAP, both plain, ports chosen by the OS) with one probe
 * mailbox, and the settings of a delivery check that sends to it and reads it back, as
 * engine settings or as {@code smtp.check.*} properties.
 */
public final class GreenMailMailbox implements AutoCloseable {

	/**
	 * The address of the probe mailbox.
	 */
	public static final String ADDRESS = "probes@localhost";

	static final String LOGIN = "probes";

	/**
	 * The IMAP password of the probe mailbox.
	 */
	public static final String PASSWORD = "imap-Secret-73";

	static final String ORIGIN = "test-app/default";

	private final GreenMail greenMail;

	private final GreenMailUser user;

	/**
	 * Start GreenMail.
	 */
	public GreenMailMailbox() {
		this.greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
		this.greenMail.start();
		this.user = this.greenMail.setUser(ADDRESS, LOGIN, PASSWORD);
	}

	int smtpPort() {
		return this.greenMail.getSmtp().getPort();
	}

	int imapPort() {
		return this.greenMail.getImap().getPort();
	}

	ImapSettings imap(String password) {
		return new ImapSettings("127.0.0.1", imapPort(), ImapSecurity.NONE, LOGIN, password, "INBOX", null);
	}

	DeliverySettings settings(String to, Duration timeout, ImapSettings imap) {
		return new DeliverySettings("default", ORIGIN, to, Duration.ofMinutes(1), timeout, null, null, imap);
	}

	DeliveryProbe probe(DeliverySettings settings, int smtpPort) {
		SmtpProbe smtp = new SmtpProbe(SmtpProbeSettings.builder("127.0.0.1")
			.port(smtpPort)
			.heloName("delivery.test")
			.mailFrom("health@localhost")
			.timeout(Duration.ofSeconds(5))
			.build());
		return new DeliveryProbe(settings, smtp, Clock.systemUTC());
	}

	DeliveryProbe probe() {
		return probe(settings(ADDRESS, Duration.ofSeconds(10), imap(PASSWORD)), smtpPort());
	}

	/**
	 * Put a message straight into the mailbox.
	 */
	void deliver(String subject, Map<String, String> headers, @Nullable Instant sent) throws MessagingException {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress("someone@localhost"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(ADDRESS));
		message.setSubject(subject);
		message.setText("body");
		headers.forEach((name, value) -> {
			try {
				message.setHeader(name, value);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		});
		if (sent != null) {
			message.setSentDate(Date.from(sent));
		}
		this.user.deliver(message);
	}

	/**
	 * Return the properties of a top-level server with the delivery check on this
	 * mailbox.
	 * @return the properties
	 */
	public String[] topLevel() {
		return properties("smtp.check");
	}

	/**
	 * Return the properties of a named server with the delivery check on this mailbox.
	 * @param name the server's name
	 * @return the properties
	 */
	public String[] named(String name) {
		return properties("smtp.check.servers." + name);
	}

	private String[] properties(String prefix) {
		return new String[] { prefix + ".host=127.0.0.1", prefix + ".port=" + smtpPort(),
				prefix + ".helo-name=delivery.test", prefix + ".mail-from=health@localhost",
				prefix + ".delivery.enabled=true", prefix + ".delivery.to=" + ADDRESS,
				prefix + ".delivery.imap.host=127.0.0.1", prefix + ".delivery.imap.port=" + imapPort(),
				prefix + ".delivery.imap.security=none", prefix + ".delivery.imap.allow-plaintext=true",
				prefix + ".delivery.imap.username=" + LOGIN, prefix + ".delivery.imap.password=" + PASSWORD };
	}

	/**
	 * Return the subjects of the messages in the mailbox.
	 * @return the subjects
	 */
	public List<String> subjects() {
		return this.greenMail.findReceivedMessages((user) -> user.getLogin().equals(LOGIN), (message) -> true)
			.map(GreenMailMailbox::subject)
			.toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stop GreenMail.
	 */
	@Override
	public void close() {
		this.greenMail.stop();
	}

}
