using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Storage.Objects;

public static class ObjectStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IObjectStore"/> singleton chosen by <paramref name="section"/>
    /// (normally <c>configuration.GetSection(ObjectStoreOptions.SectionName)</c>); an absent section gives the
    /// folder store under ./data/objects.
    /// </summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ObjectStoreOptions>()
            .Bind(section)
            .Validate(o => o.IsFolder || o.IsS3,
                $"{ObjectStoreOptions.SectionName}:Kind must be '{ObjectStoreOptions.FolderKind}' or '{ObjectStoreOptions.S3Kind}'.")
            .Validate(o => !o.IsFolder || !string.IsNullOrWhiteSpace(o.Folder),
                $"{ObjectStoreOptions.SectionName}:Folder is required for the folder store.")
            .Validate(o => !o.IsS3 || (!string.IsNullOrWhiteSpace(o.S3.Endpoint) && !string.IsNullOrWhiteSpace(o.S3.Bucket)),
                $"{ObjectStoreOptions.SectionName}:S3:Endpoint and S3:Bucket are required for the S3 store.")
            .ValidateOnStart();

        services.AddSingleton<IObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ObjectStoreOptions>>().Value;
            if (options.IsS3)
                return new S3ObjectStore(options.S3);
            var contentRoot = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return new FolderObjectStore(Path.GetFullPath(options.Folder, contentRoot));
        });
        return services;
    }
}
