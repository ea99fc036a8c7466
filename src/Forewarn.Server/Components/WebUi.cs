using Forewarn.Server.Components.Warnings;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Forewarn.Server.Components;

/// <summary>
/// The command web UI: Razor components rendered on the server (static SSR: plain HTML forms with antiforgery), signed in
/// with a cookie, live-updated through <see cref="Features.Warnings.WarningHub"/>. Every page reads through the request's
/// <see cref="Data.TerritoryScope"/>, which is why the pages are not interactive circuits: a circuit has no request.
/// </summary>
public static class WebUi
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "forewarn.af");
        // The UI is Chinese unless the user picks English (culture cookie); API callers may still ask with Accept-Language.
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var index = o.RequestCultureProviders.ToList().FindIndex(p => p is AcceptLanguageHeaderRequestCultureProvider);
            if (index >= 0)
            {
                var accept = o.RequestCultureProviders[index];
                o.RequestCultureProviders[index] = new CustomRequestCultureProvider(http =>
                    http.Request.Path.StartsWithSegments("/api") ? accept.DetermineProviderCultureResult(http) : Task.FromResult<ProviderCultureResult?>(null));
            }
        });
        return builder;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        // Plain files from wwwroot (copied beside the executable), so the build output serves them without a manifest.
        app.UseStaticFiles();
        app.UseAntiforgery();
        app.Use(Features.Audit.PageAudit.InvokeAsync);
        app.MapRazorComponents<App>();
        app.MapGet("/culture", (string? lang, string? back, HttpResponse response) =>
        {
            var culture = lang == "en" ? "en" : "zh-CN";
            response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            return TypedResults.LocalRedirect(back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", async Task<Results<RedirectHttpResult, BadRequest>> (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.BadRequest();
            }
            await CookieSignIn.SignOutAsync(http);
            return TypedResults.Redirect("/login");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        // The live queue re-fetches its rows from here when the hub says a warning arrived.
        app.MapGet("/ui/queue-rows", (string? mode) => new RazorComponentResult<QueueTable>(new { Mode = mode ?? QueueTable.Queue }))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        return app;
    }
}
