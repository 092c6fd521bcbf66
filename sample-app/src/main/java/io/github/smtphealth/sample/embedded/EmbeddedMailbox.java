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

package io.github.smtphealth.sample.embedded;

import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The mailbox behind the embedded SMTP server when {@code sample.embedded-smtp.delivery}
 * is true: a GreenMail IMAP server on the loopback interface (plain IMAP, a port chosen
 * by the OS) with one user, into which the embedded server puts every message it accepts.
 * The delivery check sends its probe through the embedded server and reads it back here.
 *
 * @since 0.1.0
 */
public final class EmbeddedMailbox {

	/**
	 * The address whose mail the mailbox holds (every accepted message lands here).
	 */
	public static final String ADDRESS = "probes@localhost";

	/**
	 * The IMAP login.
	 */
	public static final String USERNAME = "probes";

	private final GreenMail greenMail;

	private final GreenMailUser user;

	private final String password = UUID.randomUUID().toString();

	private final Session session = Session.getInstance(new Properties());

	EmbeddedMailbox() {
		this.greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
		this.greenMail.start();
		this.user = this.greenMail.setUser(ADDRESS, USERNAME, this.password);
	}

	/**
	 * Return the IMAP port.
	 * @return the port
	 */
	public int imapPort() {
		return this.greenMail.getImap().getPort();
	}

	/**
	 * Return the IMAP password, made at random for each start.
	 * @return the password
	 */
	String password() {
		return this.password;
	}

	/**
	 * Put a message the embedded server accepted into the mailbox.
	 * @param data the message as received after DATA
	 */
	void deliver(byte[] data) {
		try {
			this.user.deliver(new MimeMessage(this.session, new ByteArrayInputStream(data)));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot store the message in the embedded mailbox", ex);
		}
	}

	void stop() {
		this.greenMail.stop();
	}

}
