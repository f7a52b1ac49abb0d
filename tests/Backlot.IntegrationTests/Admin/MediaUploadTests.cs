using System.Net;
using System.Net.Http.Headers;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetVips;

namespace Backlot.IntegrationTests.Admin;

/// <summary>A site with a 1 MB upload limit, so the size rule can be tested with small files.</summary>
public sealed class SmallUploadSiteFactory : BacklotFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Media:MaxUploadBytes"] = "1048576" };
}

public sealed class MediaUploadTests(SmallUploadSiteFactory site) : IClassFixture<SmallUploadSiteFactory>
{
    private async Task<(HttpResponseMessage Response, int Before, int After)> UploadAsync(byte[] content, string fileName, string contentType)
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        var before = await CountAsync();
        var files = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        files.Add(file, "files", fileName);
        var response = await editor.PostFormAsync("/admin/media", new() { ["altText"] = "test" }, "/admin/media?handler=Upload", files);
        return (response, before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<BacklotDb>().Media.CountAsync();
    }

    [Fact]
    public async Task A_real_image_is_stored_with_its_variants()
    {
        using var image = Image.Black(700, 400, bands: 3);
        var (response, before, after) = await UploadAsync(image.PngsaveBuffer(), "photo.png", "image/png");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name_and_type_and_nothing_is_stored()
    {
        var (response, before, after) = await UploadAsync("<?php system($_GET['x']); ?>"u8.ToArray(), "shell.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not an image", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_nothing_is_stored()
    {
        var big = new byte[1_200_000];
        Random.Shared.NextBytes(big);
        var (response, before, after) = await UploadAsync(big, "huge.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1 MB", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_image_of_too_many_pixels_is_refused_from_its_header_and_nothing_is_stored()
    {
        using var wide = Image.Black(12_000, 5_000); // 60 megapixels, a few KB as PNG
        var (response, before, after) = await UploadAsync(wide.PngsaveBuffer(compression: 9), "wide.png", "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("megapixels", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_image_an_article_uses_cannot_be_deleted()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        int used;
        await using (var scope = site.Scope())
        {
            used = await scope.ServiceProvider.GetRequiredService<BacklotDb>().Articles.Where(a => a.HeroMediaId != null).Select(a => a.HeroMediaId!.Value).FirstAsync(TestContext.Current.CancellationToken);
        }

        using var response = await editor.PostFormAsync($"/admin/media/{used}", [], $"/admin/media/{used}?handler=Delete");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("remove it there first", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
