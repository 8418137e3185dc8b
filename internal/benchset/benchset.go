// Package benchset names the standard-library packages that asmcheck's
// benchmarks measure: those with much assembly, for the side-by-side
// comparison with go vet's asmdecl (analyzer's BenchmarkVet and
// BenchmarkVetRatio) and for the parser on the same files (asmparse's
// BenchmarkParseVetSet).
package benchset

// Packages are the import paths, relative to GOROOT/src.
var Packages = []string{
	"runtime", "internal/bytealg", "math/big", "math",
	"crypto/internal/fips140/aes", "crypto/internal/fips140/aes/gcm",
	"crypto/internal/fips140/sha256", "crypto/internal/fips140/sha512",
	"crypto/internal/fips140/nistec", "crypto/internal/fips140/bigmod",
	"internal/runtime/atomic", "reflect", "syscall", "crypto/internal/fips140/subtle",
	"vendor/golang.org/x/crypto/chacha20poly1305",
}
