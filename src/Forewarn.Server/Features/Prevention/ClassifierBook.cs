using Forewarn.Engine.Prevention;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// The active classifier version, loaded once and kept; every half minute it checks whether another version was approved (on
/// this node or another). Without an active version the keyword classifier of <see cref="FraudTypes.Classify"/> answers.
/// </summary>
public sealed class ClassifierBook(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClassifierBook> log) : IDisposable
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    /// <summary>The label a trained model gives texts that are not fraud; such a text gets no fraud type.</summary>
    public const string NotFraud = "normal";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Loaded? _current;
    // UTC ticks of the last look at the database; 0 is never.
    private long _checkedAt;

    public sealed record Loaded(int Version, TextClassifier Model);

    public sealed record Answer(string? FraudType, double Confidence, int? Version);

    public async Task<Answer> ClassifyAsync(string text, CancellationToken ct)
    {
        if (await CurrentAsync(ct) is { } current)
        {
            var (label, confidence, _) = current.Model.Predict(text);
            return new Answer(label == NotFraud ? null : label[..Math.Min(label.Length, 40)], Math.Round(confidence, 4), current.Version);
        }
        return FraudTypes.Classify(text) is { } keywords ? new Answer(keywords.Type.Code, keywords.Confidence, null) : new Answer(null, 0, null);
    }

    /// <summary>The active version, or null when none was ever approved.</summary>
    public async Task<Loaded?> CurrentAsync(CancellationToken ct)
    {
        if (Fresh())
        {
            return _current;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh())
            {
                return _current;
            }
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var active = await db.Set<ClassifierModel>().Where(m => m.Status == ClassifierStatus.Active).OrderByDescending(m => m.Version)
                .Select(m => (int?)m.Version).FirstOrDefaultAsync(ct);
            if (active is null)
            {
                _current = null;
            }
            else if (_current?.Version != active)
            {
                var bytes = await db.Set<ClassifierModel>().Where(m => m.Version == active).Select(m => m.Model).SingleAsync(ct);
                try
                {
                    using var stream = new MemoryStream(bytes ?? []);
                    _current = new Loaded(active.Value, TextClassifier.Load(stream));
                }
                catch (InvalidDataException e)
                {
                    log.LogError(e, "Classifier version {Version} does not load; keeping the previous one", active);
                }
            }
            Interlocked.Exchange(ref _checkedAt, clock.GetUtcNow().UtcTicks);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Looks again at the next classification (after an approval on this node).</summary>
    public void Invalidate() => Interlocked.Exchange(ref _checkedAt, 0);

    private bool Fresh() => Interlocked.Read(ref _checkedAt) is var at && at != 0 && clock.GetUtcNow().UtcTicks - at < Recheck.Ticks;
}
