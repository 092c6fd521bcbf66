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

package io.github.smtphealth.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.github.smtphealth.testsupport.SmtpScript;

/**
 * Pieces of server dialogue, put together with {@link #of(Consumer...)}, for example
 * {@code of(greet(), ehlo("STARTTLS"), startTls(context), ehlo(), mailRsetQuit())}.
 */
final class Scripts {

	static final String DOMAIN = "hostile.test";

	private Scripts() {
	}

	@SafeVarargs
	static Consumer<SmtpScript> of(Consumer<SmtpScript>... parts) {
		return (script) -> {
			for (Consumer<SmtpScript> part : parts) {
				part.accept(script);
			}
		};
	}

	static Consumer<SmtpScript> greet() {
		return (script) -> script.send("220 " + DOMAIN + " ESMTP ready");
	}

	/**
	 * Expect EHLO and answer with the domain and the given keywords, one per line.
	 * @param keywords the capabilities
	 * @return the part
	 */
	static Consumer<SmtpScript> ehlo(String... keywords) {
		return (script) -> script.expect("EHLO").send(ehloReply(keywords));
	}

	static String[] ehloReply(String... keywords) {
		String[] lines = new String[keywords.length + 1];
		lines[0] = "250" + ((keywords.length > 0) ? "-" : " ") + DOMAIN;
		for (int i = 0; i < keywords.length; i++) {
			lines[i + 1] = "250" + ((i < keywords.length - 1) ? "-" : " ") + keywords[i];
		}
		return lines;
	}

	/**
	 * Expect STARTTLS, answer 220 and do the server side of the handshake.
	 * @param sslContext the server context
	 * @return the part
	 */
	static Consumer<SmtpScript> startTls(SSLContext sslContext) {
		return (script) -> script.expect("STARTTLS").send("220 2.0.0 Ready to start TLS").startTls(sslContext);
	}

	/**
	 * An SMTPS dialogue in which the server asks for a TLS renegotiation after it reads
	 * EHLO and before it answers it, then finishes normally.
	 * @param sslContext the server context, for example restricted to TLS 1.2
	 * @return the script
	 */
	static Consumer<SmtpScript> renegotiatingSmtps(SSLContext sslContext) {
		return of((script) -> script.startTls(sslContext), greet(),
				(script) -> script.expect("EHLO").renegotiateTls().send(ehloReply("PIPELINING")), mailRsetQuit());
	}

	static Consumer<SmtpScript> mailRsetQuit() {
		return (script) -> script.expect("MAIL")
			.send("250 2.1.0 OK")
			.expect("RSET")
			.send("250 2.0.0 OK")
			.expect("QUIT")
			.send("221 2.0.0 Bye")
			.close();
	}

	/**
	 * Expect {@code AUTH PLAIN} with its initial response and accept it.
	 * @return the part
	 */
	static Consumer<SmtpScript> acceptPlain() {
		return SmtpScript::acceptAuthPlain;
	}

	/**
	 * Expect {@code AUTH LOGIN}, ask for the user name and password, and accept them.
	 * @return the part
	 */
	static Consumer<SmtpScript> acceptLogin() {
		return SmtpScript::acceptAuthLogin;
	}

	/**
	 * Return the base64 initial response of {@code AUTH PLAIN} for a user and password,
	 * as the probe sends it (no authorization identity).
	 * @param username the user name
	 * @param password the password
	 * @return the base64 text
	 */
	static String plainResponse(String username, String password) {
		return base64("\0" + username + "\0" + password);
	}

	static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
