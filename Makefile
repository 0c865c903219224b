# sam build (BuildMethod: makefile) calls build-<FunctionLogicalId> with ARTIFACTS_DIR set. Every function
# runs the same Native AOT bootstrap (linux-x64, for provided.al2023; settings in Governance.Functions.csproj),
# and the function's Handler setting picks its handler, so the bootstrap is published once and copied, with the
# config files beside it, into each function's artifacts.
PROJECT := src/Functions/Governance.Functions/Governance.Functions.csproj
PUBLISH_DIR := artifacts/publish/bootstrap
R2R_DIR := artifacts/publish/r2r
FUNCTIONS := RegistrySync DeploymentTrigger PipelineMonitor ComplianceMonitor AuditTrail LineageApi LedgerAnchor
BUILD_TARGETS := $(addprefix build-,$(addsuffix Function,$(FUNCTIONS)))
SOURCES := $(shell find src config -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) -not -path '*/bin/*' -not -path '*/obj/*') \
           Directory.Build.props Directory.Packages.props global.json

.PHONY: publish publish-r2r package clean $(BUILD_TARGETS)

publish: $(PUBLISH_DIR)/bootstrap

# The folder is emptied first so that nothing but the bootstrap and its config files is ever shipped.
$(PUBLISH_DIR)/bootstrap: $(SOURCES)
	rm -rf $(PUBLISH_DIR)
	dotnet publish $(PROJECT) -c Release -r linux-x64 -o $(PUBLISH_DIR) --nologo -v quiet -clp:ErrorsOnly
	touch $@

$(BUILD_TARGETS): publish
	cp -R $(PUBLISH_DIR)/. $(ARTIFACTS_DIR)/

# The self-contained ReadyToRun composite build Lambda ran before Native AOT: for the cold-start benchmark only.
publish-r2r: $(R2R_DIR)/bootstrap

$(R2R_DIR)/bootstrap: $(SOURCES)
	rm -rf $(R2R_DIR)
	dotnet publish $(PROJECT) -c Release -p:PublishProfile=ReadyToRunComposite -o $(R2R_DIR) --nologo -v quiet -clp:ErrorsOnly
	touch $@

# Each function's zip, as Lambda receives it, with its size (target: 10 MB zipped at most; fails above it).
# Every function ships the same bootstrap, so the archive is built once and linked under each function's name.
PACKAGE_LIMIT_BYTES := 10000000
package: publish
	mkdir -p artifacts/package
	rm -f artifacts/package/*.zip
	cd $(PUBLISH_DIR) && zip -qr9 -X ../../package/bootstrap.zip .
	@for f in $(FUNCTIONS); do \
	  ln -f artifacts/package/bootstrap.zip artifacts/package/$$f.zip; \
	  stat -c %s artifacts/package/$$f.zip | awk -v f=$$f '{ printf "%-20s %9d bytes (%.1f MB)\n", f, $$1, $$1 / 1e6 }'; \
	done
	@bytes=$$(stat -c %s artifacts/package/bootstrap.zip); \
	  [ "$$bytes" -le $(PACKAGE_LIMIT_BYTES) ] || { echo "package is $$bytes bytes: above the $(PACKAGE_LIMIT_BYTES)-byte target" >&2; exit 1; }

clean:
	rm -rf artifacts/publish artifacts/package
