package io.github.smtphealth.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when there is an SMTP server to check: {@code smtp.check.host}, any
 * {@code smtp.check.servers.*}, or the application's own {@code spring.mail.host}, none of them blank. An application that
 * sends no mail gets no indicator, rather than one that reports DOWN.
 */
class OnSmtpServerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		if (hasText(binder, "smtp.check.host")) {
			return ConditionOutcome.match("smtp.check.host is set");
		}
		if (binder.bind("smtp.check.servers", Bindable.mapOf(String.class, String.class)).isBound()) {
			return ConditionOutcome.match("smtp.check.servers is set");
		}
		if (hasText(binder, "spring.mail.host")) {
			return ConditionOutcome.match("spring.mail.host is set");
		}
		return ConditionOutcome.noMatch("none of smtp.check.host, smtp.check.servers or spring.mail.host is set");
	}

	/**
	 * An empty value, as {@code ${SMTP_HOST:}} gives, means "not configured".
	 */
	private static boolean hasText(Binder binder, String name) {
		return StringUtils.hasText(binder.bind(name, String.class).orElse(null));
	}

}
