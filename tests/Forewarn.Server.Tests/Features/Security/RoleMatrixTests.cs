using System.Net;
using System.Text;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// The role × endpoint matrix, derived from the running server's own endpoint list: every API endpoint names a policy
/// (or is explicitly anonymous), and every role gets 401, 403 or through exactly as the policy says.
/// </summary>
public abstract class RoleMatrixTests(ForewarnApp app) : ProviderTests(app)
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Policies.Staff] = [.. Roles.Staff],
        [Policies.AnySignedIn] = [.. Roles.All],
        [Policies.PasswordChange] = [.. Roles.All],
        [Policies.SystemAdmin] = [Roles.SystemAdmin],
        [Policies.UserDirectory] = [Roles.SystemAdmin, Roles.SecurityAdmin],
        [Policies.SecurityAdmin] = [Roles.SecurityAdmin],
        [Policies.AuditAdmin] = [Roles.AuditAdmin],
        [Policies.Signals] = [Roles.SourceClient],
        [Policies.Contacts] = [Roles.SourceClient],
        [Policies.IndicatorsWrite] = [Roles.CityAnalyst, Roles.SecurityAdmin, Roles.SourceClient],
        [Policies.RulesPropose] = [Roles.CityAnalyst, Roles.SecurityAdmin],
        [CrackdownPolicies.Write] = [Roles.CityAnalyst, Roles.DistrictDispatcher, Roles.StationOfficer],
        [CrackdownPolicies.Approve] = [Roles.CityAnalyst, Roles.SecurityAdmin],
        [Policies.ClassifierTrain] = [Roles.CityAnalyst, Roles.SecurityAdmin],
        [Policies.KnowledgeEdit] = [Roles.CityAnalyst, Roles.DistrictDispatcher],
        [Policies.PreventionManage] = [Roles.CityAnalyst, Roles.DistrictDispatcher, Roles.StationOfficer],
    };

    private static readonly (string Role, string? User)[] Callers =
    [
        (Roles.CityAnalyst, "city.analyst"), (Roles.DistrictDispatcher, "yubei.dispatcher"), (Roles.StationOfficer, "longxi.officer"),
        (Roles.GridWorker, "longxi.grid"), (Roles.SystemAdmin, "system.admin"), (Roles.SecurityAdmin, "security.admin"),
        (Roles.AuditAdmin, "audit.admin"), (Roles.SourceClient, null), ("anonymous", null),
    ];

    [Fact]
    public async Task Every_endpoint_has_a_policy_and_every_role_gets_what_the_policy_says()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Endpoint: e, Method: m)))
            .ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var failures = new List<string>();
        var cells = 0;
        foreach (var (endpoint, method) in endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
            var route = endpoint.RoutePattern.RawText!;
            if (!anonymous && (policies.Count != 1 || !Allowed.ContainsKey(policies[0]!)))
            {
                failures.Add($"{method} {route}: no explicit policy ({string.Join(",", policies)})");
                continue;
            }
            var path = Fill(route);
            foreach (var (role, user) in Callers)
            {
                using var client = user is not null ? await App.ClientFor(user) : role == Roles.SourceClient ? App.SourceClient() : App.CreateClient();
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                var status = (await client.SendAsync(request, Ct)).StatusCode;
                cells++;
                var expected = anonymous ? "through" : role == "anonymous" ? "401" : Allowed[policies[0]!].Contains(role) ? "through" : "403";
                var actual = status switch { HttpStatusCode.Unauthorized => "401", HttpStatusCode.Forbidden => "403", _ => "through" };
                if (expected != actual || (int)status >= 500)
                {
                    failures.Add($"{method} {route} as {role}: expected {expected}, got {(int)status}");
                }
            }
        }
        Figures.Report($"role x endpoint matrix ({App.Provider})", ("endpoints", endpoints.Count), ("callers", Callers.Length), ("cells", cells), ("wrong_cells", failures.Count));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells wrong:\n" + string.Join("\n", failures));
    }

    /// <summary>Route parameters get values that exist nowhere, so allowed callers reach the handler and get a 4xx, never a change.</summary>
    private static string Fill(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
    {
        "code" => "999999",
        _ => "987654321",
    });
}

public sealed class RoleMatrixTests_Sqlite(SqliteApp app) : RoleMatrixTests(app);

public sealed class RoleMatrixTests_Postgres(PostgresApp app) : RoleMatrixTests(app);
