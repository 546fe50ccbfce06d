package io.github.mediastreaming.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.unit.DataSize;

/**
 * Matches when {@code media.streaming.bandwidth.total-limit} has a value. An empty one (an environment
 * variable set to nothing) binds to no size: unset, so no cap, where a check for the property's mere
 * presence would create the budget without a limit.
 */
class OnBandwidthLimitCondition extends SpringBootCondition {

	static final String PROPERTY = MediaStreamingProperties.PREFIX + ".bandwidth.total-limit";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean set = Binder.get(context.getEnvironment()).bind(PROPERTY, DataSize.class).isBound();
		return set ? ConditionOutcome.match(PROPERTY + " is set") : ConditionOutcome.noMatch(PROPERTY + " is not set");
	}

}
