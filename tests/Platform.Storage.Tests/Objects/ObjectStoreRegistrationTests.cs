using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Storage.Objects;
using Shouldly;
using Xunit;

namespace Platform.Storage.Tests.Objects;

public sealed class ObjectStoreRegistrationTests
{
    [Fact]
    public void WithoutConfigurationTheStoreIsTheDataObjectsFolder()
    {
        using var provider = Build([]);

        var store = provider.GetRequiredService<IObjectStore>().ShouldBeOfType<FolderObjectStore>();
        store.Root.ShouldBe(Path.GetFullPath("data/objects"));
    }

    [Fact]
    public void AConfiguredFolderIsUsed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-configured");
        using var provider = Build(new() { ["Kind"] = "folder", ["Folder"] = folder });

        provider.GetRequiredService<IObjectStore>().ShouldBeOfType<FolderObjectStore>().Root.ShouldBe(folder);
    }

    [Fact]
    public void KindS3GivesTheS3Store()
    {
        using var provider = Build(new()
        {
            ["Kind"] = "S3",
            ["S3:Endpoint"] = "http://127.0.0.1:9000",
            ["S3:AccessKey"] = "k",
            ["S3:SecretKey"] = "s",
            ["S3:Bucket"] = "platform",
        });

        provider.GetRequiredService<IObjectStore>().ShouldBeOfType<S3ObjectStore>();
    }

    [Fact]
    public void AnUnknownKindIsRefusedWithAClearMessage()
    {
        using var provider = Build(new() { ["Kind"] = "ftp" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IObjectStore>())
            .Message.ShouldContain("Platform:ObjectStore:Kind");
    }

    [Fact]
    public void S3WithoutAnEndpointIsRefused()
    {
        using var provider = Build(new() { ["Kind"] = "s3" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IObjectStore>())
            .Message.ShouldContain("Endpoint");
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(kv => $"{ObjectStoreOptions.SectionName}:{kv.Key}", kv => kv.Value))
            .Build();
        return new ServiceCollection()
            .AddObjectStore(configuration.GetSection(ObjectStoreOptions.SectionName))
            .BuildServiceProvider();
    }
}
