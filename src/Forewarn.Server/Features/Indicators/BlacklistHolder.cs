using Forewarn.Engine.Indicators;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Indicators;

/// <summary>
/// Owns the in-memory blacklist. A rebuild makes a whole new index and swaps the reference, so intake keeps
/// matching against the old one until the new one is ready and never sees a half-built index.
/// </summary>
public sealed class BlacklistHolder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BlacklistHolder> log)
{
    private volatile Blacklist _current = Blacklist.Empty;
    private int _dirty = 1;

    public Blacklist Current => _current;

    /// <summary>The last change this node's index includes (UpdatedAt of the newest indicator row, and the row count).</summary>
    public (DateTime UpdatedAt, int Count) Watermark { get; private set; }

    /// <summary>Called after a committed change; the refresher rebuilds within its tick, and other processes are told (<see cref="Changed"/>).</summary>
    public void MarkDirty()
    {
        Interlocked.Exchange(ref _dirty, 1);
        Changed?.Invoke();
    }

    /// <summary>Another process changed the blacklist (a change notification): rebuild within the tick, tell no one.</summary>
    public void MarkStale() => Interlocked.Exchange(ref _dirty, 1);

    /// <summary>Raised by <see cref="MarkDirty"/>, for the scale-out area to notify the other processes.</summary>
    public event Action? Changed;

    /// <summary>
    /// How often the refresher compares the table's watermark with this index: every tick by default (it also catches a
    /// command-line import); seldom, as a safety net, once change notifications arrive from other processes.
    /// </summary>
    public TimeSpan WatermarkPoll { get; set; } = BlacklistRefresher.Tick;

    public bool TakeDirty() => Interlocked.Exchange(ref _dirty, 0) == 1;

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var started = clock.GetTimestamp();
        var watermark = await ReadWatermarkAsync(db, ct);
        var entries = db.Indicators.AsNoTracking()
            .Select(i => new IndicatorEntry(i.Type, i.Value, i.Status, i.Source, i.Confidence, i.ExpiresAt))
            .AsAsyncEnumerable();
        var list = new List<IndicatorEntry>();
        await foreach (var entry in entries.WithCancellation(ct))
        {
            list.Add(entry);
        }
        _current = Blacklist.Build(list, clock.GetUtcNow().UtcDateTime);
        Watermark = watermark;
        log.LogInformation("Blacklist rebuilt: {Count} entries in {Ms} ms", _current.Count, clock.GetElapsedTime(started).TotalMilliseconds);
    }

    public static async Task<(DateTime, int)> ReadWatermarkAsync(AppDbContext db, CancellationToken ct)
    {
        var latest = await db.Indicators.MaxAsync(i => (DateTime?)i.UpdatedAt, ct) ?? DateTime.MinValue;
        var count = await db.Indicators.CountAsync(ct);
        return (latest, count);
    }
}

/// <summary>
/// Keeps the blacklist current: rebuilds when this node changed an indicator, when another node did (a change
/// notification, or the table's watermark moved), and once a minute so that expiries take effect.
/// </summary>
public sealed class BlacklistRefresher(BlacklistHolder holder, IServiceScopeFactory scopes, TimeProvider clock, ILogger<BlacklistRefresher> log)
    : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        var lastFull = clock.GetUtcNow();
        var lastPoll = lastFull;
        do
        {
            try
            {
                var due = holder.TakeDirty() || clock.GetUtcNow() - lastFull > TimeSpan.FromMinutes(1);
                if (!due && clock.GetUtcNow() - lastPoll >= holder.WatermarkPoll)
                {
                    lastPoll = clock.GetUtcNow();
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    due = await BlacklistHolder.ReadWatermarkAsync(db, stoppingToken) != holder.Watermark;
                }
                if (due)
                {
                    await holder.RebuildAsync(stoppingToken);
                    lastFull = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Blacklist refresh failed; keeping the previous index");
                holder.MarkStale();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
