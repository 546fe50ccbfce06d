package io.github.mediastreaming.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code media.streaming.cors.allowed-origins} lists an origin, however it is written: a
 * comma-separated value or a YAML list (whose {@code allowed-origins[0]} keys
 * {@code @ConditionalOnProperty} does not see).
 */
class OnCorsOriginsCondition extends SpringBootCondition {

	private static final String PROPERTY = MediaStreamingProperties.PREFIX + ".cors.allowed-origins";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<String> origins = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		return origins.isEmpty() ? ConditionOutcome.noMatch(PROPERTY + " lists no origin")
				: ConditionOutcome.match(PROPERTY + " lists " + origins.size() + " origins");
	}

}
