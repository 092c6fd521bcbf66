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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * One logged-in IMAP session on the probe folder, through Angus Mail's IMAP provider.
 * Every failure becomes a {@link DeliveryException} with the phase and a readable reason,
 * the password masked. Only messages whose probe headers match exactly are ever flagged
 * or expunged: expunging uses {@code UID EXPUNGE} (UIDPLUS), never a plain
 * {@code EXPUNGE} that would also remove what another client flagged; a server without
 * UIDPLUS keeps our messages flagged {@code \Deleted}.
 */
final class ImapMailbox implements AutoCloseable {

	private static final int MAX_ERROR_LENGTH = 300;

	private final ImapSettings settings;

	private final Store store;

	private @Nullable IMAPFolder folder;

	private ImapMailbox(ImapSettings settings, Store store) {
		this.settings = settings;
		this.store = store;
	}

	/**
	 * Connect and log in.
	 * @param settings the mailbox
	 * @param ioTimeout the bound of the connection attempt and of each read
	 * @return the open session
	 * @throws DeliveryException in phase {@code imap-connect} or {@code imap-login}
	 */
	static ImapMailbox open(ImapSettings settings, Duration ioTimeout) throws DeliveryException {
		String protocol = (settings.security() == ImapSecurity.IMAPS) ? "imaps" : "imap";
		Session session = Session.getInstance(properties(settings, protocol, ioTimeout));
		Store store;
		try {
			store = session.getStore(protocol);
		}
		catch (MessagingException ex) {
			throw new DeliveryException(DeliveryPhase.IMAP_CONNECT, "no IMAP provider: " + ex.getMessage());
		}
		ImapMailbox mailbox = new ImapMailbox(settings, store);
		try {
			store.connect(settings.host(), settings.port(), settings.username(), settings.password());
			return mailbox;
		}
		catch (AuthenticationFailedException ex) {
			mailbox.close();
			throw mailbox.failure(DeliveryPhase.IMAP_LOGIN, "IMAP login as '" + settings.username() + "' failed", ex);
		}
		catch (MessagingException | RuntimeException ex) {
			mailbox.close();
			throw mailbox.failure(DeliveryPhase.IMAP_CONNECT, "cannot connect to IMAP server " + address(settings), ex);
		}
	}

	private static Properties properties(ImapSettings settings, String protocol, Duration ioTimeout) {
		String prefix = "mail." + protocol + ".";
		Properties properties = new Properties();
		String millis = Long.toString(Math.max(1, ioTimeout.toMillis()));
		properties.setProperty(prefix + "connectiontimeout", millis);
		properties.setProperty(prefix + "timeout", millis);
		// Never trace credentials, whatever the log level of jakarta.mail.
		properties.setProperty("mail.debug.auth", "false");
		if (settings.security() != ImapSecurity.NONE) {
			properties.put(prefix + "ssl.socketFactory", settings.socketFactory());
			properties.setProperty(prefix + "ssl.socketFactory.fallback", "false");
			properties.setProperty(prefix + "ssl.checkserveridentity", "true");
		}
		if (settings.security() == ImapSecurity.STARTTLS) {
			properties.setProperty(prefix + "starttls.enable", "true");
			properties.setProperty(prefix + "starttls.required", "true");
		}
		return properties;
	}

	/**
	 * Open the probe folder for reading and deleting.
	 * @throws DeliveryException in phase {@code search}
	 */
	void openFolder() throws DeliveryException {
		try {
			IMAPFolder opened = (IMAPFolder) this.store.getFolder(this.settings.folder());
			opened.open(Folder.READ_WRITE);
			this.folder = opened;
		}
		catch (MessagingException | RuntimeException ex) {
			throw failure(DeliveryPhase.SEARCH, "cannot open folder '" + this.settings.folder() + "'", ex);
		}
	}

	/**
	 * Return whether the message with the token has arrived.
	 * @param token the token
	 * @return {@code true} once it is in the folder
	 * @throws DeliveryException in phase {@code search}
	 */
	boolean contains(String token) throws DeliveryException {
		try {
			return !matching(DeliveryProbe.TOKEN_HEADER, token).isEmpty();
		}
		catch (MessagingException | RuntimeException ex) {
			throw failure(DeliveryPhase.SEARCH, "searching '" + this.settings.folder() + "' failed", ex);
		}
	}

	/**
	 * Delete the message with the token and every probe message of the same origin sent
	 * before the given time.
	 * @param token the token of the message that arrived
	 * @param origin this application's origin
	 * @param olderThan probe messages of the origin sent before this are left-overs of
	 * failed checks
	 * @return how many messages were deleted
	 * @throws DeliveryException in phase {@code search}
	 */
	int delete(String token, String origin, Instant olderThan) throws DeliveryException {
		IMAPFolder open = openedFolder();
		try {
			List<Message> doomed = new ArrayList<>(matching(DeliveryProbe.TOKEN_HEADER, token));
			for (Message message : matching(DeliveryProbe.ORIGIN_HEADER, origin)) {
				Date sent = message.getSentDate();
				if (!doomed.contains(message) && sent != null && sent.toInstant().isBefore(olderThan)) {
					doomed.add(message);
				}
			}
			if (doomed.isEmpty()) {
				return 0;
			}
			Message[] messages = doomed.toArray(new Message[0]);
			open.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
			if (((IMAPStore) this.store).hasCapability("UIDPLUS")) {
				open.expunge(messages);
			}
			return messages.length;
		}
		catch (MessagingException | RuntimeException ex) {
			throw failure(DeliveryPhase.SEARCH, "deleting probe messages from '" + this.settings.folder() + "' failed",
					ex);
		}
	}

	/**
	 * The server's HEADER search matches substrings: keep only exact matches.
	 */
	private List<Message> matching(String header, String value) throws MessagingException {
		IMAPFolder open = openedFolder();
		// A NOOP first, so that messages delivered since the last command are seen.
		open.getMessageCount();
		List<Message> exact = new ArrayList<>();
		for (Message message : open.search(new HeaderTerm(header, value))) {
			String[] values = message.getHeader(header);
			if (values != null && values.length == 1 && value.equals(values[0].strip())) {
				exact.add(message);
			}
		}
		return exact;
	}

	private IMAPFolder openedFolder() {
		IMAPFolder open = this.folder;
		if (open == null) {
			throw new IllegalStateException("The folder is not open");
		}
		return open;
	}

	private DeliveryException failure(DeliveryPhase phase, String what, Exception ex) {
		return new DeliveryException(phase, clean(what + ": " + describe(ex)));
	}

	/**
	 * The message of the exception and of its causes, as Angus wraps the socket's
	 * exception.
	 */
	private static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder();
		Throwable current = ex;
		for (int depth = 0; current != null && depth < 4; depth++) {
			String message = current.getMessage();
			String part = (message != null && !message.isBlank()) ? message.strip()
					: current.getClass().getSimpleName();
			if (text.indexOf(part) < 0) {
				text.append((text.length() > 0) ? ": " : "").append(part);
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return text.toString();
	}

	/**
	 * The password never appears in a reason, not even if a server echoes it; control
	 * characters are replaced so that a reason cannot forge log lines.
	 */
	private String clean(String text) {
		String masked = Secrets.mask(text, this.settings.password());
		StringBuilder printable = new StringBuilder(Math.min(masked.length(), MAX_ERROR_LENGTH));
		for (char c : masked.toCharArray()) {
			printable.append((c < 0x20 || c == 0x7f) ? ' ' : c);
			if (printable.length() >= MAX_ERROR_LENGTH) {
				printable.append("...");
				break;
			}
		}
		return printable.toString();
	}

	private static String address(ImapSettings settings) {
		return (settings.host().indexOf(':') >= 0) ? "[" + settings.host() + "]:" + settings.port()
				: settings.host() + ":" + settings.port();
	}

	@Override
	public void close() {
		IMAPFolder open = this.folder;
		this.folder = null;
		try {
			if (open != null && open.isOpen()) {
				open.close(false);
			}
		}
		catch (MessagingException | RuntimeException ex) {
			// Closing is best effort; the store's close below drops the connection
			// anyway.
		}
		try {
			this.store.close();
		}
		catch (MessagingException | RuntimeException ex) {
			// Best effort.
		}
	}

}
