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

package io.github.smtphealth.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes the probe's secrets from any text it keeps or logs, in case a hostile server
 * echoes them back. Masking is by meaning, not by spelling: the password, the token and
 * every AUTH payload are masked in each encoding the probe produced or could have
 * produced (raw, base64 with and without padding, base64url, hex in either case). Because
 * a server could re-encode a secret in a way nobody can enumerate, the text of a reply
 * during AUTH is dropped when it still holds a run that looks encoded; its code and
 * enhanced status code stay.
 */
final class SecretRedactor {

	static final String MASK = "******";

	static final String WITHHELD = "[reply text withheld: it carries an encoded run]";

	private static final int MIN_SECRET_LENGTH = 3;

	/**
	 * A base64 or base64url run long enough to hide a short password (9 bytes make 12
	 * characters).
	 */
	private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{12,}={0,2}");

	private static final Pattern HEX_RUN = Pattern.compile("[0-9A-Fa-f]{16,}");

	/**
	 * An enhanced status code (RFC 3463) after the reply code.
	 */
	private static final Pattern ENHANCED_STATUS = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$)");

	private final List<String> secrets = new ArrayList<>();

	SecretRedactor(@Nullable SmtpCredentials credentials) {
		if (credentials != null) {
			add(credentials.password());
			add(credentials.token());
			addPayloadsOf(credentials);
		}
	}

	/**
	 * The PLAIN and XOAUTH2 payloads are known before AUTH runs; a server that learned
	 * them on an earlier connection could replay them in its greeting or EHLO reply.
	 */
	private void addPayloadsOf(SmtpCredentials credentials) {
		String username = credentials.username();
		if (credentials.password() != null) {
			add("\u0000" + username + "\u0000" + credentials.password());
		}
		if (credentials.token() != null) {
			add(SaslMechanism.XOAuth2.payload(username, credentials.token()));
		}
	}

	/**
	 * Treat a response sent during AUTH as secret. A CRAM-MD5 response
	 * ({@code user digest}) is a password-equivalent for its challenge: its digest is
	 * masked on its own too.
	 * @param response the response as sent, before base64
	 */
	synchronized void addResponse(byte[] response) {
		String text = new String(response, StandardCharsets.UTF_8);
		add(text);
		int space = text.lastIndexOf(' ');
		if (space > 0) {
			add(text.substring(space + 1));
		}
	}

	/**
	 * Treat a text as secret from now on, in every encoding.
	 * @param secret the secret, ignored when {@code null} or too short to matter
	 */
	synchronized void add(@Nullable String secret) {
		if (secret == null || secret.length() < MIN_SECRET_LENGTH || this.secrets.contains(secret)) {
			return;
		}
		byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
		addForm(secret);
		// Replies are decoded byte for byte, so a non-ASCII secret comes back as its
		// UTF-8 bytes.
		addForm(new String(utf8, StandardCharsets.ISO_8859_1));
		addForm(Base64.getEncoder().encodeToString(utf8));
		addForm(Base64.getEncoder().withoutPadding().encodeToString(utf8));
		addForm(Base64.getUrlEncoder().encodeToString(utf8));
		addForm(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
		addForm(HexFormat.of().formatHex(utf8));
		addForm(HexFormat.of().withUpperCase().formatHex(utf8));
		// Longest first, so that a payload is masked whole before the password inside it.
		this.secrets.sort(Comparator.comparingInt(String::length).reversed());
	}

	private void addForm(String form) {
		if (!form.isEmpty() && !this.secrets.contains(form)) {
			this.secrets.add(form);
		}
	}

	/**
	 * Return the text with every secret masked, made printable.
	 * @param text the text
	 * @return the cleaned text
	 */
	synchronized String clean(String text) {
		return Texts.printable(mask(text));
	}

	/**
	 * Return the text with every secret masked, otherwise unchanged.
	 * @param text the text
	 * @return the masked text
	 */
	synchronized String mask(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

	/**
	 * Return a reply received during AUTH as it may be shown: masked, and with its text
	 * withheld when the text still carries a base64 or hex run; the code and enhanced
	 * status code stay.
	 * @param reply the reply
	 * @return the summary, for example {@code 535 5.7.8 Bad credentials}
	 */
	String authReply(SmtpReply reply) {
		String text = mask(reply.firstLine()).strip();
		if (!looksEncoded(text)) {
			return text.isEmpty() ? Integer.toString(reply.code()) : reply.code() + " " + text;
		}
		Matcher status = ENHANCED_STATUS.matcher(text);
		return reply.code() + (status.find() ? " " + status.group() : "") + " " + WITHHELD;
	}

	/**
	 * Return whether a text holds a run that could be an encoded secret: hex of 16 or
	 * more characters, or a base64 run of 12 or more that is not a plain word (it has a
	 * digit, a {@code + / _ =}, or an upper-case letter after a lower-case one).
	 * @param text the text, already masked
	 * @return {@code true} if the text should not be shown
	 */
	static boolean looksEncoded(String text) {
		if (HEX_RUN.matcher(text).find()) {
			return true;
		}
		Matcher run = BASE64_RUN.matcher(text);
		while (run.find()) {
			if (isEncoded(run.group())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the text with every run that looks encoded masked: the last line of defence
	 * for a failure message of the AUTH phase that quotes a server.
	 * @param text the text, already masked
	 * @return the text without encoded runs
	 */
	static String maskEncodedRuns(String text) {
		String result = HEX_RUN.matcher(text).replaceAll(MASK);
		Matcher run = BASE64_RUN.matcher(result);
		StringBuilder masked = new StringBuilder();
		while (run.find()) {
			run.appendReplacement(masked, isEncoded(run.group()) ? MASK : Matcher.quoteReplacement(run.group()));
		}
		run.appendTail(masked);
		return masked.toString();
	}

	/**
	 * A run trimmed of the punctuation around it ({@code user/} is a word and a slash)
	 * must still be long, and not a plain word.
	 */
	private static boolean isEncoded(String run) {
		String candidate = run.replaceAll("^[+/_=-]+|[+/_=-]+$", "");
		return candidate.length() >= 12 && !isWord(candidate);
	}

	private static boolean isWord(String candidate) {
		for (String part : candidate.split("-")) {
			if (part.chars().anyMatch((c) -> Character.isDigit(c) || c == '+' || c == '/' || c == '_' || c == '=')) {
				return false;
			}
			String rest = (part.length() > 1) ? part.substring(1) : "";
			if (!rest.equals(rest.toLowerCase(Locale.ROOT)) && !rest.equals(rest.toUpperCase(Locale.ROOT))) {
				return false;
			}
		}
		return true;
	}

}
