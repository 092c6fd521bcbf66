package io.github.smtphealth.probe;

import java.util.List;

import io.github.smtphealth.lab.LabListener;
import org.jspecify.annotations.Nullable;

import static io.github.smtphealth.lab.LabListener.DOVECOT_SUBMISSION;
import static io.github.smtphealth.lab.LabListener.EXIM_SMTPS;
import static io.github.smtphealth.lab.LabListener.EXIM_STARTTLS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_SMTPS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STARTTLS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STRICT;
import static io.github.smtphealth.lab.LabListener.POSTFIX_SMTPS;
import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;

/**
 * The lab's SMTP servers as {@link LabServersRealServerTests} sees them: what each one's listeners are
 * for, and what each must advertise. What only one server does stays in its own {@code *RealServerTests}.
 */
enum LabServer {

	/**
	 * Postfix with Dovecot SASL: AUTH only after TLS.
	 */
	POSTFIX("Postfix", POSTFIX_STARTTLS, POSTFIX_SMTPS, POSTFIX_STARTTLS, List.of("PLAIN", "LOGIN", "CRAM-MD5"),
			POSTFIX_STARTTLS, POSTFIX_SMTPS),

	/**
	 * Exim 4 (heavy daemon): AUTH only after TLS.
	 */
	EXIM("Exim", EXIM_STARTTLS, EXIM_SMTPS, EXIM_SMTPS, List.of("PLAIN", "LOGIN", "CRAM-MD5"), EXIM_STARTTLS,
			EXIM_SMTPS),

	/**
	 * OpenSMTPD 7.4: AUTH optional after TLS, and required by its strict listener.
	 */
	OPENSMTPD("OpenSMTPD", OPENSMTPD_STARTTLS, OPENSMTPD_SMTPS, OPENSMTPD_SMTPS, List.of("PLAIN", "LOGIN"),
			OPENSMTPD_STARTTLS, OPENSMTPD_SMTPS, OPENSMTPD_STRICT),

	/**
	 * Dovecot submission: STARTTLS only, no implicit TLS; AUTH before TLS too (loopback counts as secure).
	 */
	DOVECOT("Dovecot", DOVECOT_SUBMISSION, null, DOVECOT_SUBMISSION, List.of("PLAIN", "LOGIN", "CRAM-MD5"),
			DOVECOT_SUBMISSION);

	private final String greetingName;

	private final LabListener startTls;

	private final @Nullable LabListener smtps;

	private final LabListener advertising;

	private final List<String> requiredMechanisms;

	private final List<LabListener> authenticating;

	LabServer(String greetingName, LabListener startTls, @Nullable LabListener smtps, LabListener advertising,
			List<String> requiredMechanisms, LabListener... authenticating) {
		this.greetingName = greetingName;
		this.startTls = startTls;
		this.smtps = smtps;
		this.advertising = advertising;
		this.requiredMechanisms = requiredMechanisms;
		this.authenticating = List.of(authenticating);
	}

	/**
	 * Return what the server names itself in its greeting.
	 * @return the name
	 */
	String greetingName() {
		return this.greetingName;
	}

	/**
	 * Return the listener that offers STARTTLS and, after it, AUTH.
	 * @return the listener
	 */
	LabListener startTls() {
		return this.startTls;
	}

	/**
	 * Return the implicit-TLS listener with AUTH, if the server has one.
	 * @return the listener or {@code null}
	 */
	@Nullable LabListener smtps() {
		return this.smtps;
	}

	/**
	 * Return the listener whose advertised AUTH mechanisms are compared with {@code lab.env}.
	 * @return the listener
	 */
	LabListener advertising() {
		return this.advertising;
	}

	/**
	 * Return the AUTH mechanisms the issue asks the server to offer.
	 * @return the SASL names
	 */
	List<String> requiredMechanisms() {
		return this.requiredMechanisms;
	}

	/**
	 * Return the listeners on which every advertised mechanism must authenticate.
	 * @return the listeners
	 */
	List<LabListener> authenticating() {
		return this.authenticating;
	}

}
