package io.github.smtphealth.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the delivery check is enabled for the top-level server or any named one. The check is
 * off by default: an application that did not ask for it gets no threads, beans or mail.
 */
class OnDeliveryEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		if (binder.bind("smtp.check.delivery.enabled", Boolean.class).orElse(false)) {
			return ConditionOutcome.match("smtp.check.delivery.enabled is true");
		}
		Map<String, SmtpServerProperties> servers = binder
			.bind("smtp.check.servers", Bindable.mapOf(String.class, SmtpServerProperties.class))
			.orElse(Map.of());
		for (Map.Entry<String, SmtpServerProperties> server : servers.entrySet()) {
			SmtpDeliveryProperties delivery = server.getValue().getDelivery();
			if (delivery != null && Boolean.TRUE.equals(delivery.enabled())) {
				return ConditionOutcome.match("smtp.check.servers." + server.getKey() + ".delivery.enabled is true");
			}
		}
		return ConditionOutcome.noMatch("no smtp.check.delivery.enabled or smtp.check.servers.*.delivery.enabled");
	}

}
