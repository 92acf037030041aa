// "--key value" command-line options of the load tool.
#pragma once

#include <map>
#include <string>

namespace bench {

class Args {
  public:
    // Parses argv[first..argc) as "--key value" pairs; throws std::invalid_argument otherwise.
    Args(int argc, char** argv, int first);

    std::string text(const std::string& key, const std::string& fallback) const;
    std::string required(const std::string& key) const;
    long integer(const std::string& key, long fallback) const;
    double real(const std::string& key, double fallback) const;

  private:
    std::map<std::string, std::string> values_;
};

}  // namespace bench
