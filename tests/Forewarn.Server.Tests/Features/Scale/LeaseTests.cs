using Forewarn.Server.Data;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Tests.Features.Scale;

/// <summary>
/// The leases that keep several processes on one PostgreSQL database from doing the same work twice. A second
/// <see cref="Leases"/> is a second database session, exactly what a second process is to PostgreSQL.
/// </summary>
public sealed class LeaseTests(PostgresApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Leases NewProcess(ServeRole role = ServeRole.Worker, string? nats = null) => new(
        Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = app.ConnectionString }),
        new ProcessRole(role), Options.Create(new NatsOptions { Url = nats }), NullLogger<Leases>.Instance);

    [Fact]
    public async Task A_lease_has_one_holder_and_passes_to_another_process_when_its_session_ends()
    {
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var first = NewProcess();
        await using var second = NewProcess();

        Assert.True(await first.TryAcquireAsync(key, Ct));
        Assert.True(await first.TryAcquireAsync(key, Ct)); // held already
        Assert.False(await second.TryAcquireAsync(key, Ct));

        await first.DisposeAsync(); // the process dies: PostgreSQL ends its session and its locks

        // The server ends the session a moment after the connection closes.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var taken = await second.TryAcquireAsync(key, Ct);
        while (!taken && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Ct);
            taken = await second.TryAcquireAsync(key, Ct);
        }
        Assert.True(taken);
        Assert.True(second.Holds(key));
    }

    [Fact]
    public async Task Background_passes_run_in_one_process_only_and_never_on_a_web_process_with_NATS()
    {
        // The test server took the leader lease when its background services started.
        var server = app.Services.GetRequiredService<Leadership>();
        Assert.True(await server.MayRunAsync(Ct));

        await using var workerLeases = NewProcess();
        var worker = new Leadership(workerLeases, new ProcessRole(ServeRole.Worker), Options.Create(new NatsOptions()));
        Assert.False(await worker.MayRunAsync(Ct));
        Assert.False(worker.IsLeader);

        await using var webLeases = NewProcess(ServeRole.Web, "nats://127.0.0.1:1");
        var web = new Leadership(webLeases, new ProcessRole(ServeRole.Web), Options.Create(new NatsOptions { Url = "nats://127.0.0.1:1" }));
        Assert.False(await web.MayRunAsync(Ct));
        Assert.False(webLeases.Holds(Leases.LeaderKey));
        Assert.True(await server.MayRunAsync(Ct));
    }
}
