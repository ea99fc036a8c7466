using System.Net;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Forewarn.Server.Tests.Features.Scale;

public abstract class ProbeTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_signing_in()
    {
        using var anonymous = App.CreateClient();

        var live = await anonymous.GetAsync("/healthz", Ct);
        var ready = await anonymous.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("ready", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Metrics_count_answered_signals_by_status_in_Prometheus_text()
    {
        await App.SendAsync(Intake.Call(Intake.NewPhone(), Intake.NewPhone(), 60, TimeSpan.FromMinutes(1)), new System.Text.Json.Nodes.JsonObject { ["externalId"] = "" });
        using var anonymous = App.CreateClient();

        var text = await anonymous.GetStringAsync("/metrics", Ct);

        Assert.Contains("forewarn_signals_received", text);
        Assert.Contains("status=\"accepted\"", text);
        Assert.Contains("status=\"rejected\"", text);
        Assert.Contains("forewarn_intake_queue", text);
        // The one process of a test server leads the background passes on either provider.
        Assert.Contains("forewarn_leader 1", text);
    }
}

public sealed class ProbeTests_Sqlite(SqliteApp app) : ProbeTests(app);

public sealed class ProbeTests_Postgres(PostgresApp app) : ProbeTests(app);

public sealed class ServeRoleTests
{
    [Theory]
    [InlineData(null, ServeRole.All)]
    [InlineData("all", ServeRole.All)]
    [InlineData("web", ServeRole.Web)]
    [InlineData("worker", ServeRole.Worker)]
    public void The_role_comes_from_the_role_option(string? role, ServeRole expected)
    {
        var command = Command.Parse(role is null ? ["serve"] : ["serve", "--role", role]);
        var configuration = new ConfigurationBuilder().AddCommandLine(command.HostArgs).Build();

        Assert.Equal(expected, command.Role(configuration));
    }

    [Fact]
    public void An_unknown_role_stops_the_start()
    {
        var command = Command.Parse(["serve", "--role", "master"]);
        var configuration = new ConfigurationBuilder().AddCommandLine(command.HostArgs).Build();

        Assert.Throws<InvalidOperationException>(() => command.Role(configuration));
    }
}
