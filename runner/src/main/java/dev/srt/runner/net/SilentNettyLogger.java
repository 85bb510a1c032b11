package dev.srt.runner.net;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Netty's logger in srt: says nothing. Whatever Netty would log would land on the command's
 * stderr, and srt reports what matters itself (violations, a failed start). Netty's own
 * default would look for SLF4J and Log4J by loading their classes (each miss searches srt.jar)
 * and then use java.util.logging, whose set-up costs about 20 ms of start-up on the main thread.
 */
final class SilentNettyLogger extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;

    /** Makes every Netty logger silent; before Netty's first use. */
    static void install() {
        InternalLoggerFactory.setDefaultFactory(new Factory());
    }

    private static final class Factory extends InternalLoggerFactory {
        @Override
        protected InternalLogger newInstance(String name) {
            return new SilentNettyLogger(name);
        }
    }

    private SilentNettyLogger(String name) {
        super(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public void trace(String msg) {
    }

    @Override
    public void trace(String format, Object arg) {
    }

    @Override
    public void trace(String format, Object a, Object b) {
    }

    @Override
    public void trace(String format, Object... args) {
    }

    @Override
    public void trace(String msg, Throwable t) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void debug(String msg) {
    }

    @Override
    public void debug(String format, Object arg) {
    }

    @Override
    public void debug(String format, Object a, Object b) {
    }

    @Override
    public void debug(String format, Object... args) {
    }

    @Override
    public void debug(String msg, Throwable t) {
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public void info(String msg) {
    }

    @Override
    public void info(String format, Object arg) {
    }

    @Override
    public void info(String format, Object a, Object b) {
    }

    @Override
    public void info(String format, Object... args) {
    }

    @Override
    public void info(String msg, Throwable t) {
    }

    @Override
    public boolean isWarnEnabled() {
        return false;
    }

    @Override
    public void warn(String msg) {
    }

    @Override
    public void warn(String format, Object arg) {
    }

    @Override
    public void warn(String format, Object a, Object b) {
    }

    @Override
    public void warn(String format, Object... args) {
    }

    @Override
    public void warn(String msg, Throwable t) {
    }

    @Override
    public boolean isErrorEnabled() {
        return false;
    }

    @Override
    public void error(String msg) {
    }

    @Override
    public void error(String format, Object arg) {
    }

    @Override
    public void error(String format, Object a, Object b) {
    }

    @Override
    public void error(String format, Object... args) {
    }

    @Override
    public void error(String msg, Throwable t) {
    }
}
