using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>
/// Sees every log line the in-process servers write (all categories, all levels) and remembers the lines that contain a
/// watched value, e.g. a personal value a test seeded. Only matches are kept, so a whole run's logging costs no memory.
/// </summary>
public sealed class LogWatch : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, byte> _watched = new();

    public ConcurrentQueue<string> Hits { get; } = new();

    public long Lines => Interlocked.Read(ref _lines);

    private long _lines;

    public void Watch(params string[] values)
    {
        foreach (var value in values)
        {
            _watched[value] = 0;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogWatch watch, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Interlocked.Increment(ref watch._lines);
            if (watch._watched.IsEmpty)
            {
                return;
            }
            var line = formatter(state, exception) + " " + exception + " " + (state as IEnumerable<KeyValuePair<string, object?>>)?.Aggregate("", (a, kv) => a + " " + kv.Value);
            foreach (var value in watch._watched.Keys)
            {
                if (line.Contains(value, StringComparison.Ordinal))
                {
                    watch.Hits.Enqueue($"[{logLevel} {category}] {(line.Length > 400 ? line[..400] : line)}");
                }
            }
        }
    }
}
