#pragma once

#include <string>

namespace caseboard::it {

// A self-signed certificate for one DNS name and its private key, as PEM files in a temporary
// directory of its own, removed on destruction. It is its own authority: trust it by CA file.
class TestCertificate {
  public:
    explicit TestCertificate(const std::string& dnsName);
    ~TestCertificate();
    TestCertificate(const TestCertificate&) = delete;
    TestCertificate& operator=(const TestCertificate&) = delete;

    std::string certificateFile() const { return dir_ + "/certificate.pem"; }
    std::string keyFile() const { return dir_ + "/key.pem"; }

  private:
    std::string dir_;
};

}  // namespace caseboard::it
