using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Forewarn.Engine.Prevention;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// Trains queued classifier versions one at a time, in the background: builds the training set from the database, holds out a
/// stratified split, trains, evaluates on the held-out part and stores the model with its metrics, writing its progress to the
/// version's row as it goes. A version is claimed by an atomic status change, so two nodes never train the same one; a run cut
/// short by a restart is queued again once it has been silent for <see cref="Abandoned"/>.
/// </summary>
public sealed class ClassifierTrainer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClassifierTrainer> log) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(30);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Looks for queued work now rather than at the next tick.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: training is CPU-bound.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Classifier training pass failed");
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(Tick);
            try
            {
                await _wake.Reader.ReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <returns>Whether it trained (or failed) a version.</returns>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var models = db.Set<ClassifierModel>();
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - Abandoned;
        await models.Where(m => m.Status == ClassifierStatus.Training && m.StartedAt < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, ClassifierStatus.Queued), ct);
        var next = await models.Where(m => m.Status == ClassifierStatus.Queued).OrderBy(m => m.Version)
            .Select(m => new { m.Version, m.ScopePath, m.HoldOutPercent }).FirstOrDefaultAsync(ct);
        if (next is null)
        {
            return false;
        }
        var claimed = await models.Where(m => m.Version == next.Version && m.Status == ClassifierStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, ClassifierStatus.Training).SetProperty(m => m.StartedAt, now)
                .SetProperty(m => m.Progress, 5).SetProperty(m => m.Stage, "loading"), ct);
        if (claimed == 0)
        {
            return true;
        }
        var clockRun = Stopwatch.StartNew();
        try
        {
            var examples = await TrainingSet.LoadAsync(db, next.ScopePath, ct);
            var (train, test) = TrainingSet.Split(examples, next.HoldOutPercent, seed: next.Version);
            var labels = train.Select(e => e.Label).Distinct().Count();
            if (labels < 2)
            {
                throw new ArgumentException($"Only {labels} label(s) have {TrainingSet.MinPerLabel} or more examples; training needs two.");
            }
            await ProgressAsync(models, next.Version, 15, "training", ct);
            var model = await Task.Run(() => TextClassifier.Train(train.Select(e => (e.Text, e.Label)), seed: next.Version,
                progress: new Progress(scopes, next.Version, ct)), ct);
            await ProgressAsync(models, next.Version, 85, "evaluating", ct);
            var evaluation = await Task.Run(() => TextClassifier.Evaluate(model, test.Select(e => (e.Text, e.Label))), ct);
            await ProgressAsync(models, next.Version, 95, "saving", ct);
            using var stream = new MemoryStream();
            model.Save(stream);
            var row = await models.SingleAsync(m => m.Version == next.Version, ct);
            row.Status = ClassifierStatus.Trained;
            row.Progress = 100;
            row.Stage = "done";
            row.TrainedAt = clock.GetUtcNow().UtcDateTime;
            row.Seconds = Math.Round(clockRun.Elapsed.TotalSeconds, 1);
            row.TrainCount = train.Count;
            row.TestCount = test.Count;
            row.SamplesJson = JsonSerializer.Serialize(train.CountBy(e => e.Label).ToDictionary(c => c.Key, c => new[] { c.Value, test.Count(t => t.Label == c.Key) }));
            row.MetricsJson = JsonSerializer.Serialize(evaluation.Classes, JsonSerializerOptions.Web);
            row.MacroF1 = Math.Round(evaluation.MacroF1, 4);
            row.Accuracy = Math.Round(evaluation.Accuracy, 4);
            row.Model = stream.ToArray();
            scope.ServiceProvider.GetRequiredService<AuditTrail>()
                .Add("prevention.classifier.trained", $"v{row.Version} macro-F1 {row.MacroF1:F4} on {row.TestCount} held out", userName: "system");
            await db.SaveChangesAsync(ct);
            log.LogInformation("Classifier v{Version} trained on {Train} texts in {Seconds} s: macro-F1 {MacroF1} on {Test} held out",
                row.Version, row.TrainCount, row.Seconds, row.MacroF1, row.TestCount);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Classifier v{Version} failed to train", next.Version);
            db.ChangeTracker.Clear();
            var row = await models.SingleAsync(m => m.Version == next.Version, ct);
            row.Status = ClassifierStatus.Failed;
            row.Stage = "failed";
            row.Error = e.Message[..Math.Min(e.Message.Length, 1000)];
            scope.ServiceProvider.GetRequiredService<AuditTrail>().Add("prevention.classifier.trained", $"v{row.Version}", result: "failed", userName: "system");
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    private static Task<int> ProgressAsync(DbSet<ClassifierModel> models, int version, int percent, string stage, CancellationToken ct) =>
        models.Where(m => m.Version == version).ExecuteUpdateAsync(s => s.SetProperty(m => m.Progress, percent).SetProperty(m => m.Stage, stage), ct);

    /// <summary>The trainer's own progress (0–1) mapped onto 15–85 % of the run, written in a fresh scope (training runs off the request).</summary>
    private sealed class Progress(IServiceScopeFactory scopes, int version, CancellationToken ct) : IProgress<double>
    {
        public void Report(double value)
        {
            using var scope = scopes.CreateScope();
            var models = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ClassifierModel>();
            ProgressAsync(models, version, 15 + (int)Math.Round(Math.Clamp(value, 0, 1) * 70), "training", ct).GetAwaiter().GetResult();
        }
    }
}
