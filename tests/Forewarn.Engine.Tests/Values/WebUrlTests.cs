using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

public class WebUrlTests
{
    [Theory]
    [InlineData("http://evil.com/pay?id=1", "http://evil.com/pay?id=1")]
    [InlineData("HTTPS://Evil.COM/Pay?ID=1", "https://evil.com/Pay?ID=1")]
    [InlineData("evil.com/path", "http://evil.com/path")]
    [InlineData("evil.com", "http://evil.com/")]
    [InlineData("http://evil.com", "http://evil.com/")]
    [InlineData("http://evil.com?x=1", "http://evil.com/?x=1")]
    [InlineData("http://evil.com:80/a", "http://evil.com/a")]
    [InlineData("https://evil.com:443/a", "https://evil.com/a")]
    [InlineData("https://evil.com:80/a", "https://evil.com:80/a")]
    [InlineData("http://evil.com:8080/a", "http://evil.com:8080/a")]
    [InlineData("evil.com:8080/a", "http://evil.com:8080/a")]
    [InlineData("http://evil.com:/a", "http://evil.com/a")]
    [InlineData("http://evil.com/a#top", "http://evil.com/a")]
    [InlineData("http://evil.com#top", "http://evil.com/")]
    [InlineData("http://evil.com./a", "http://evil.com/a")]
    [InlineData("http://evil.com/a/../b/%2e?q=A%20B", "http://evil.com/a/../b/%2e?q=A%20B")]
    [InlineData("http://bank.com@evil.com/login", "http://evil.com/login")]
    [InlineData("http://evil.com\\@bank.com/", "http://evil.com/\\@bank.com/")]
    [InlineData("//evil.com/a", "http://evil.com/a")]
    [InlineData("http://中国.cn/支付", "http://xn--fiqs8s.cn/支付")]
    public void Address_is_normalised(string input, string expected)
    {
        Assert.Equal(expected, WebUrl.Parse(input).Value);
    }

    [Fact]
    public void Host_and_domain_are_exposed()
    {
        var url = WebUrl.Parse("https://A.Evil.com:8443/x");

        Assert.Equal("a.evil.com", url.Host);
        Assert.Equal(Domain.Parse("a.evil.com"), url.Domain);
    }

    [Theory]
    [InlineData("http://1.2.3.4/x", "http://1.2.3.4/x", "1.2.3.4")]
    [InlineData("1.2.3.4:8080", "http://1.2.3.4:8080/", "1.2.3.4")]
    [InlineData("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x", "[2001:db8::1]")]
    [InlineData("https://[::1]:8443/", "https://[::1]:8443/", "[::1]")]
    public void Ip_host_has_no_domain(string input, string expected, string host)
    {
        var url = WebUrl.Parse(input);

        Assert.Equal(expected, url.Value);
        Assert.Equal(host, url.Host);
        Assert.Null(url.Domain);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "format")]
    [InlineData("ftp://evil.com/file", "format")]
    [InlineData("mailto:a@evil.com", "format")]
    [InlineData("http:evil.com", "format")]
    [InlineData("http://", "format")]
    [InlineData("http://evil", "format")]
    [InlineData("http://evil.com:99999/", "format")]
    [InlineData("http://evil.com:0/", "format")]
    [InlineData("http://evil.com:8o/", "format")]
    [InlineData("http://ev il.com/", "format")]
    [InlineData("http://evil.com/a b", "format")]
    [InlineData("http://[not-ip]/", "format")]
    [InlineData("http://[::1/", "format")]
    [InlineData("http://1.2.3.256/", "format")]
    [InlineData("http://01.2.3.4/", "format")]
    [InlineData("", "missing")]
    [InlineData(null, "missing")]
    public void Bad_address_is_rejected_with_a_stable_code(string? input, string expected)
    {
        Assert.False(WebUrl.TryParse(input, out var url, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, url);
    }

    [Fact]
    public void Address_with_an_over_long_label_is_rejected_as_length()
    {
        Assert.False(WebUrl.TryParse("http://" + new string('a', 64) + ".com/", out _, out var error));
        Assert.Equal("length", error);
    }

    [Fact]
    public void Over_long_address_is_rejected_as_length()
    {
        Assert.False(WebUrl.TryParse("http://evil.com/" + new string('a', 5000), out _, out var error));
        Assert.Equal("length", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_code()
    {
        var exception = Assert.Throws<FormatException>(() => WebUrl.Parse("javascript:alert(1)"));

        Assert.Contains("format", exception.Message, StringComparison.Ordinal);
    }

    private static readonly Gen<string> Path = Gen.OneOf("", "/", "/a", "/Pay/Index.html", "/x?id=7&T=Q", "?q=1", "/%E4%B8%AD");

    [Fact]
    public void Normalisation_is_idempotent_and_case_insensitive_in_scheme_and_host()
    {
        Gen.Select(Gen.OneOf("http://", "https://", ""), ValueGens.DomainName, Gen.OneOf("", ":80", ":443", ":8080"), Path)
            .SelectMany(parts => Gen.Select(ValueGens.RandomCase(parts.Item1), ValueGens.RandomCase(parts.Item2),
                (scheme, host) => (lower: parts.Item1 + parts.Item2 + parts.Item3 + parts.Item4, mixed: scheme + host + parts.Item3 + parts.Item4)))
            .Sample(pair =>
            {
                var url = WebUrl.Parse(pair.lower);
                Assert.Equal(url, WebUrl.Parse(pair.mixed));
                Assert.Equal(url, WebUrl.Parse(url.Value));
                Assert.Equal(url.Value, WebUrl.Parse(url.Value).Value);
                Assert.StartsWith("http", url.Value, StringComparison.Ordinal);
            }, iter: 1000);
    }
}
