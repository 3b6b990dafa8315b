using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Storage.Blobs;

public static class BlobServiceCollectionExtensions
{
    /// <summary>Content-addressed blobs, storage usage and quota (section Platform:Datasets).</summary>
    public static IServiceCollection AddDatasetStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatasetStorageOptions>().Bind(configuration.GetSection(DatasetStorageOptions.Section))
            .Validate(o => o.QuotaBytes >= 0 && o.RetentionDays >= 0 && o.UploadExpiryDays >= 1, "Platform:Datasets has a negative quota or retention.")
            .ValidateOnStart();
        services.AddScoped<StorageUsage>();
        services.AddScoped<BlobStore>();
        return services;
    }
}
