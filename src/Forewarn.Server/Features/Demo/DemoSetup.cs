namespace Forewarn.Server.Features.Demo;

public static class DemoSetup
{
    /// <summary>The live simulator runs only under <c>forewarn demo</c>, unless <c>--simulate=false</c>.</summary>
    public static WebApplicationBuilder AddDemoArea(this WebApplicationBuilder builder, Command command)
    {
        if (command.Verb == "demo" && builder.Configuration.GetValue("simulate", true))
        {
            builder.Services.AddHostedService<Simulator>();
        }
        return builder;
    }
}
