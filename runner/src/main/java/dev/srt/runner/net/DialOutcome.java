package dev.srt.runner.net;

import dev.srt.ir.eval.Origin;
import io.netty.channel.Channel;

/** What became of a request to reach {@code host:port}: a connected upstream or a refusal. */
sealed interface DialOutcome {
    /** An upstream channel, connected, not yet reading. */
    record Connected(Channel channel) implements DialOutcome {
    }

    /** Why there is no upstream; {@code rule} is set for policy and guard refusals. */
    record Refused(Reason reason, String message, Origin rule) implements DialOutcome {
    }

    /** Refusal reasons, each with its HTTP status and SOCKS5 reply code (RFC 1928 section 6). */
    enum Reason {
        /** A deny rule or the default refused the destination. */
        POLICY(403, 0x02),
        /** The destination resolved to a guarded address the policy does not allow explicitly. */
        GUARD(403, 0x02),
        /** The destination is not a valid host or port. */
        BAD_TARGET(400, 0x04),
        /** The name has no address. */
        UNRESOLVED(502, 0x04),
        /** Connection refused or the network unreachable. */
        UNREACHABLE(502, 0x05),
        /** No answer within the connect timeout. */
        TIMEOUT(504, 0x04);

        final int httpStatus;
        final int socksReply;

        Reason(int httpStatus, int socksReply) {
            this.httpStatus = httpStatus;
            this.socksReply = socksReply;
        }
    }
}
