using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Platform.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide. When two hosts share a process (tests) and one stops, its logger
/// factory is disposed under the other; this provider then drops the message instead of failing the job.
/// </summary>
internal sealed class ResilientLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = (MsLogLevel)(int)logLevel;
                if (messageFunc is null) return _logger.IsEnabled(level);
                _logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException) { return false; }
        }
    }
}
