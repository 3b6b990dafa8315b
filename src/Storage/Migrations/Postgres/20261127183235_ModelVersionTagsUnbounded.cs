using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ModelVersionTagsUnbounded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "TagsJson",
                table: "ModelVersions",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64000)",
                oldMaxLength: 64000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "TagsJson",
                table: "ModelVersions",
                type: "character varying(64000)",
                maxLength: 64000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");
        }
    }
}
